"""c-array: trained weights written out as numeric array initialisers in program source.

Generated sources carry a model as code: aom's ``partition_cnn_weights.h`` (``static const float
av1_..._weights_..._layer0[...] = {...}``), opus 1.5's ``dnn/*_data.c`` (``/* Auto generated from
checkpoint <x>.pth */``, ``..._weights_int8[5632] = {``), RNNoise's ``rnn_data.c`` and aom's
``deltaq4_model.c`` (``/* Embedded file: model.tflite */`` over a byte array whose bytes 4-7 are
``TFL3``). There is no magic, so the decision is a heuristic over the file's *shape* and *names*
(model-formats.md §5, row ``c-array``).

How the scan works. A C-speed pre-pass counts "number," pairs and gives up below :data:`MIN_ARRAY`
(most source files). Then the file is read line by line, at most :data:`MAX_SCAN` bytes (8 MiB) and
:data:`MAX_LINE` bytes per line, so cost does not grow with the file. A small tokenizer, aware of
comments, strings and (for Python) triple-quoted strings, tracks bracket depth. ``name = {`` /
``name[...] = {`` (C, C++), ``NAME: [f32; N] = [`` (Rust), ``var name = [...]T{`` (Go) and
``name = [`` / ``name = np.array([`` (Python) open a named collection; numeric literals inside are
counted for the innermost named collection (float literals and hex literals separately, plus the
first bytes of byte-valued arrays).

When it fires. One of:

1. an array of byte values begins with an embedded model's magic: ``TFL3`` at bytes 4-7 (TFLite
   flatbuffer), ``GGUF``, or the NNUE header ``20 2f f3 7a`` -> ``extra["embedded"]``;
2. a generator banner in the first 4 KiB (comments included) says the file was generated from a
   checkpoint or model file, or by a ``dump_*_weights``-style script (:data:`BANNER`), and the file
   holds at least :data:`MIN_LITERALS` numeric literals in arrays;
3. arrays whose names say "neural network" (:func:`ml_name`) hold at least :data:`MIN_LITERALS`
   literals and at least half of all array literals in the file.

Names decide rule 3 because shape alone cannot tell weights from tables: a Galois-field or CRC
table, a Unicode case table or an MDCT twiddle table is just as dense. A name is ML-like when one
of its words is unambiguous (``gru``, ``lstm``, ``cnn``, ``dnn``, ``conv``, ``dense``, ``nn``,
``embedding``...), or when two different ambiguous words meet (``weights`` + ``layer``, ``model``
+ ``bias``): a DSP ``window_weights`` or a resampler ``filter_kernel`` has only one. Arrays whose
names say shader, SPIR-V, font, CRC, Galois field, Unicode, FFT/MDCT/window or twiddle, and byte
arrays beginning with a SPIR-V, ELF, DXBC or CUDA fatbin magic, never count as ML.

``extra``: ``evidence`` (``embedded-tflite``, ``generator-banner`` or ``ml-named-arrays``, the
first rule that holds in the order 1, 2, 3), ``arrays`` (names, in file order), ``first_line``,
``heads`` (the first :data:`HEAD_VALUES` values of each array, signed, as int or float),
``banner``, and the file a banner names: ``generated_from`` (also in
``Provenance.training_inputs``) or, for "Embedded file: X", ``embedded_file`` (the array is X
itself, not something trained into it).

Limits. Weights under neutral names and without a banner are missed (jieba's HMM tables
``P = {...}`` in ``prob_emit.py``; a ``static const int16_t tab[]`` of an obscure codec). A
hand-written DSP table named ``nn_...`` would be a false alarm. Only the first 8 MiB are read, so a
larger file is judged on its beginning; macros are not expanded, so arrays written through macros
are invisible. Values are counted, not interpreted: ``parameters`` is the number of numeric
literals in ML-named arrays (for an embedded byte blob: its byte count), not a tensor count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from mllint.formats.base import Format, ModelInfo, Provenance

MAX_SCAN = 8 << 20  # bytes of a file read at most
MAX_LINE = 64 << 10  # bytes per readline(); a longer line is read in pieces
MIN_SIZE = 1024  # bytes; 256 int8 literals ("-12, ") take about 1.3 KiB
MIN_LITERALS = 256  # numeric literals; aom's smallest models (10x16 + 16x4 dense) are ~250
MIN_ARRAY = 64  # literals an embedded-file byte array needs at least (and the pre-pass)
BANNER_WINDOW = 4096  # bytes of the file searched for a generator banner (= HEAD_SIZE)
MAX_NAMES = 64  # array names kept in extra["arrays"]
HEAD_VALUES = 16  # leading values kept per ML array, to find the array again in a binary
MAX_HEADS = 512  # arrays whose leading values are kept (extra["heads"])
DENSITY = 8  # literals an array holds at least per string or identifier inside it

# File names the scan applies to: C, C++, CUDA/ObjC-free headers, Python, Rust, Go.
C_SUFFIXES = (".c", ".h", ".cc", ".cpp", ".cxx", ".c++", ".hh", ".hpp", ".hxx", ".h++", ".inc",
              ".inl", ".ipp")
PYTHON_SUFFIXES = (".py", ".pyi")
OTHER_SUFFIXES = (".rs", ".go")
SUFFIXES = C_SUFFIXES + PYTHON_SUFFIXES + OTHER_SUFFIXES

# Words of an identifier (split at "_", digits and camelCase) that mean a neural network.
STRONG_WORDS = frozenset({
    "nn", "nnet", "nnue", "cnn", "dnn", "rnn", "gru", "lstm", "mlp", "embedding", "embeddings",
    "neural", "neuron", "neurons", "perceptron", "logits", "tflite", "onnx", "nnconfig",
})
# A word ending in one of these is a network's name: "pitchdnn", "vadrnn", "textcnn".
STRONG_SUFFIXES = ("cnn", "dnn", "rnn", "lstm", "nnet")
# Words that mean a neural network only in company of a second, different one.
WEAK_WORDS = frozenset({
    "weight", "weights", "bias", "biases", "kernel", "kernels", "layer", "layers", "model",
    "models", "hidden", "fc", "recurrent", "subias", "conv", "convolution", "dense", "activation",
    "classifier", "feature", "features", "input", "output", "transformer",
})
# Weak words that count as a pair only with one of these (not two of "input", "output", "feature").
# "conv" and "dense" are weak: codecs call convolution filters conv_params; dense_matrix is math.
CORE_WEAK = frozenset({"weight", "weights", "bias", "biases", "kernel", "kernels", "layer",
                       "layers", "model", "models", "hidden", "fc", "recurrent", "subias", "conv",
                       "convolution", "dense"})
VOCABULARY = STRONG_WORDS | WEAK_WORDS
# Words that make an array a known non-model table, whatever else its name says.
TABLE_WORDS = frozenset({
    "shader", "shaders", "spv", "spirv", "glsl", "hlsl", "msl", "ptx", "cubin", "fatbin",
    "metallib", "dxil", "dxbc", "font", "fonts", "glyph", "glyphs", "crc", "crc16", "crc32",
    "crc64", "gf", "galois", "unicode", "utf", "fft", "mdct", "dct", "twiddle", "twiddles",
    "window", "sine", "cos", "sin", "kbd", "qmf", "huffman", "icon", "cursor", "bitmap",
    # image and audio filters: "lanczos_kernel_weights" is two weak words, and still no network
    "gaussian", "lanczos", "sinc", "bicubic", "bilinear", "resample", "resampler", "interp",
    "interpolation", "fir", "iir", "lpc", "filter", "filters", "zigzag", "gamma",
    # statistics about code, not learnt values: pytorch's top_nn_functional = [("...", 10522)]
    "usage", "usages", "count", "counts", "histogram", "occurrences", "frequency",
    "frequencies", "tests", "cases",
})
WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[A-Z]+")

# Magics at the start of a byte array. The model ones are rule 1; the others veto rule 3.
NNUE_MAGIC = bytes.fromhex("202ff37a")  # u32 LE 0x7AF32F20, Stockfish src/nnue/nnue_common.h
NOT_MODEL_MAGICS = (
    bytes.fromhex("03022307"),  # SPIR-V, u32 LE 0x07230203 (Khronos SPIR-V spec §3.1)
    b"\x7fELF",  # cubin and other object code
    b"DXBC",  # Direct3D shader bytecode
    bytes.fromhex("50ed55ba"),  # CUDA fatbin, u32 LE 0xBA55ED50
)

# A banner: "generated"/"dumped"/"exported"/"converted"/"embedded" with, on the same line, a
# model word (MODEL_WORD) after "from/by/of" (up to three words between: "from a Keras model") or
# a checkpoint file name; or a dump_*_weights-style script name. A file name found there goes to
# Provenance.training_inputs for ml-model-generated-from-unshipped-checkpoint.
CHECKPOINT_EXT = r"(?:pth|pt|ckpt|h5|hdf5|keras|pb|onnx|tflite|safetensors|pkl|npz|nnue)"
CHECKPOINT_FILE = rf"[\w./+-]*\w\.{CHECKPOINT_EXT}\b"
GENERATED = r"(?:generated|dumped|exported|converted|embedded)\b[^\n]{0,60}?"
# A bare "model" is not enough: "generated from the model of the auditory filter bank" (DSP).
MODEL_WORD = (r"(?:checkpoints?|networks?|weights|nnet|"
              r"(?:keras|pytorch|torch|tensorflow|tf|trained|neural|learned|ml)\s+models?)")
BANNER = re.compile((
    rf"(?i){GENERATED}\b(?:from|by|of)\s+(?:[\w.-]+\s+){{0,3}}?{MODEL_WORD}\b"
    rf"|{GENERATED}{CHECKPOINT_FILE}"
    # dump_rnn_weights.py, export_model: the model word is a whole part ("dump_rnnoise_tables"
    # names FFT tables, not weights).
    r"|\b(?:dump|export|convert)\w*?_(?:weights|model|nnet|rnn|nn|cnn|dnn|gru|lstm)(?![a-z0-9])"
).encode())
CHECKPOINT_NAME = re.compile(CHECKPOINT_FILE.encode())

TOKEN = re.compile(rb"""
    (?P<bc>/\*)
  | (?P<lc>//|\#)
  | (?P<tq>\"\"\"|''')
  | (?P<str>"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?)
  | (?P<num>-?(?:\d|\.\d)(?:[\w.]|(?<=[eE])[-+])*+)
  | (?P<id>[A-Za-z_]\w*)
  | (?P<eq>(?<![=<>!+\-*/%&|^:~])=(?![=>]))
  | (?P<open>[{\[(])
  | (?P<close>[}\])])
  | (?P<semi>;)
""", re.X)
BLOCK_END = re.compile(rb"\*/")
# A numeric literal as the tokenizer reads it, possessive so that a long digit string costs
# linear time (a backtracking "\d+\.?\d*\w*" is cubic on 1000 digits: minutes).
NUMBER = rb"-?(?:\d|\.\d)(?:[\w.]|(?<=[eE])[-+])*+"
# Comma-separated literals on one line: the tokenizer's fast path inside a long array.
NUMBER_LIST = re.compile(NUMBER + rb"(?:\s*+,\s*+" + NUMBER + rb")*+")
FLOAT_START = re.compile(rb"(?<![\w.])-?(?:\d*\.|\d+[eE])")  # one match per float literal
HEX_START = re.compile(rb"(?<![\w.])-?0[xX]")

# Pre-filter (bytes.translate and bytes.count run at C speed, ~1 GB/s): delete the characters
# of numeric literals (digits, ".", "_", hex digits, x, the suffix letters u and l), blanks, signs
# and brackets, keep commas, turn everything else into "z". A run of N literals becomes N-1 or N
# commas in a row; code ("f(x, 1)", "{"relu", 3}") leaves a "z" between its commas. Identifiers
# made of those letters ("a, b") pass too: it is only a filter.
_ROW = bytearray(b"z" * 256)
_ROW[ord(",")] = ord(",")
SHAPE = bytes(_ROW)
SHAPE_DELETE = b"0123456789._abcdefABCDEFxXuUlL \t\r\n\f\v+-[]{}()"
RUN = 8  # literals in a row the pre-filter counts in


def _magic_literals(magic: bytes) -> bytes:
    """A pattern for ``magic`` written as a run of byte literals, hex or decimal."""
    return rb"\s*,\s*".join(rb"(?:0x0*%x|%d)(?![\w.])" % (b, b) for b in magic)


# Rule 1's magics written as literals: only a file with one needs fewer than MIN_LITERALS.
MAGIC_LITERALS = re.compile(rb"(?i)" + b"|".join(
    _magic_literals(m) for m in (b"TFL3", b"GGUF", bytes.fromhex("202ff37a"))))


# Rule 1's magics as literals the way :func:`literal_value` reads them: leading zeros and
# integer suffixes allowed (a superset of MAGIC_LITERALS, for the gate of :func:`_may_fire`).
SUFFIX = rb"(?:[ul]|[iu](?:8|16|32|64|size))*(?![\w.])"
# The look-behind and look-ahead let most positions fail on one byte (2.4x faster on scipy).
LOOSE_MAGIC = re.compile(rb"(?i)(?<![\w.])(?=[0-9])(?:" + b"|".join(
    rb"\s*,\s*".join(rb"(?:0x0*%x|0*%d)" % (b, b) + SUFFIX for b in m)
    for m in (b"TFL3", b"GGUF", bytes.fromhex("202ff37a"))) + b")")
IDENTIFIER = re.compile(rb"[A-Za-z_]\w*")  # the tokenizer's "id" token
# A line (one identifier) that holds, in any case, a word ml_name needs: a strong word, or a core
# weak word (a weak pair has one). Words found by splitting are substrings, so this misses none.
_NEEDED = sorted(w.encode() for w in STRONG_WORDS | CORE_WEAK)
ML_CANDIDATE = re.compile(rb"(?im)^.*(?:" + b"|".join(
    w for w in _NEEDED if not any(o != w and o in w for o in _NEEDED)) + rb").*$")


@dataclass(slots=True)
class Array:
    """Numeric literals found inside one named initialiser (merged by name)."""

    name: str
    line: int  # 1-based line where its initialiser opens
    literals: int = 0
    floats: int = 0
    hexes: int = 0
    others: int = 0  # strings and identifiers inside: ("relu", 8572) pairs, calls, enum names
    first: bytearray | None = None  # first values while all fit in a byte, for magics
    values: list[int | float] | None = None  # first HEAD_VALUES values (None: one unparsable)

    @property
    def ml(self) -> bool:
        return ml_name(self.name) and self.data  # table: also vetoed by a leading magic

    @property
    def numeric(self) -> bool:
        """Is it a block of numbers? Weights are numbers and nothing else; a list of
        ``(name, count)`` tuples or of test cases has a string or identifier per number."""
        return self.literals >= DENSITY * self.others

    @property
    def data(self) -> bool:
        """Numbers that may be learnt: numeric and not a known table."""
        return self.numeric and not self.table

    @property
    def table(self) -> bool:
        head = bytes(self.first or b"")[:4]
        return bool(words(self.name) & TABLE_WORDS) or any(head == m for m in NOT_MODEL_MAGICS)


@dataclass(slots=True)
class Frame:
    name: str | None  # name of the collection this bracket opened, if it was assigned to one
    line: int  # 1-based line of the opening bracket
    owner: Frame | None  # the innermost named frame at or above this one


def words(name: str) -> set[str]:
    """Lower-case words of an identifier: ``av1_ab_partition_nn_weights_128_layer0`` ->
    {av, ab, partition, nn, weights, layer}; ``rnnWeights`` -> {rnn, weights}; a word that is two
    vocabulary words run together (``hiddenlayer``) also gives both."""
    found: set[str] = set()
    for word in WORD.findall(name):
        word = word.lower()
        found.add(word)
        if word not in VOCABULARY:  # a run-together pair: "nnweights", "hiddenlayer"
            suffix = next((s for s in STRONG_SUFFIXES if word.endswith(s)), None)
            if suffix is not None:
                found.add(suffix)
            for i in range(2, len(word) - 1):
                if word[:i] in VOCABULARY and word[i:] in VOCABULARY:
                    found.update((word[:i], word[i:]))
                    break
    return found


def ml_name(name: str) -> bool:
    """Does ``name`` say "neural network" (module docstring, rule 3) and not "known table"?"""
    ws = words(name)
    if ws & TABLE_WORDS:
        return False
    if ws & STRONG_WORDS:
        return True
    weak = ws & WEAK_WORDS
    return len(weak) >= 2 and bool(weak & CORE_WEAK)


def sniff(head: bytes, size: int, name: str) -> bool:
    # Head test: source is text (no NUL) and has a bracket somewhere in its first 4 KiB or is big
    # enough for the arrays to start later (aom's weight headers open with 4 KiB of #defines).
    return (size >= MIN_SIZE and name.lower().endswith(SUFFIXES) and b"\0" not in head
            and (b"{" in head or b"[" in head or size > len(head)))


class _Scanner:
    """Tokenizer state for one file; :meth:`feed` takes one line at a time."""

    def __init__(self, lang: str) -> None:
        self.lang = lang  # "c", "python" or "other" (Rust, Go)
        self.python = lang == "python"
        self.in_block = False  # inside /* */
        self.in_triple: bytes | None = None  # inside a Python """ or ''' string
        self.stack: list[Frame] = []
        self.last_id: list[bytes | None] = [None]  # last identifier seen, per depth
        self.pending: list[str | None] = [None]  # name assigned with "=", per depth
        self.arrays: dict[str, Array] = {}
        self.unnamed = 0  # literals inside brackets not assigned to a name

    def _target(self) -> Array | None:
        """The array that literals and other tokens at the current depth belong to."""
        owner = self.stack[-1].owner if self.stack else None
        if owner is None or owner.name is None:
            return None
        array = self.arrays.get(owner.name)
        if array is None:
            array = self.arrays[owner.name] = Array(owner.name, owner.line)
        return array

    def feed(self, text: bytes, lineno: int) -> None:
        pos = 0
        end = len(text)
        while pos < end:
            if self.in_block:
                m = BLOCK_END.search(text, pos)
                if m is None:
                    return
                self.in_block = False
                pos = m.end()
                continue
            if self.in_triple is not None:
                close = text.find(self.in_triple, pos)
                if close < 0:
                    return
                self.in_triple = None
                pos = close + 3
                continue
            m = TOKEN.search(text, pos)
            if m is None:
                break
            pos = m.end()
            kind = m.lastgroup
            depth = len(self.stack)
            if kind == "bc":
                self.in_block = True
            elif kind == "lc":
                if self._line_comment(m.group(), text[:m.start()]):
                    break  # the rest of the line is a comment or a preprocessor directive
            elif kind == "tq":
                if self.python:
                    self.in_triple = m.group()
            elif kind == "num":
                array = self._target() if self.stack else None
                if array is None:
                    self.unnamed += 1
                elif array.literals >= HEAD_VALUES:
                    pos = self._numbers(array, text, m.start())
                else:
                    self._number(array, m.group())
            elif kind == "id":
                self.last_id[depth] = m.group()  # bytes; decoded when assigned to
                if self.stack:
                    self._other()
            elif kind == "str":
                if self.stack:
                    self._other()
            elif kind == "eq":
                last = self.last_id[depth]
                self.pending[depth] = last.decode("ascii") if last is not None else None
            elif kind == "open":
                name = self.pending[depth]
                parent = self.stack[-1].owner if self.stack else None
                frame = Frame(name, lineno, None)
                frame.owner = frame if name is not None else parent
                self.stack.append(frame)
                self.last_id.append(None)
                self.pending.append(None)
            elif kind == "close":
                if self.stack:
                    self.stack.pop()
                    self.last_id.pop()
                    self.pending.pop()
            elif kind == "semi":
                self.pending[depth] = None
                self.last_id[depth] = None
        if self.python and not self.stack and not text.rstrip().endswith(b"\\"):
            self.pending[0] = None  # a Python statement ends with its line at depth 0

    def _line_comment(self, token: bytes, before: bytes) -> bool:
        """Does ``token`` start a comment (or C directive) running to the end of the line?"""
        if self.python:
            return token == b"#"  # "//" is floor division
        if token == b"#":  # C: a directive only first on its line; Rust #[attr], Go: no meaning
            return self.lang == "c" and not before.strip()
        return True

    def _other(self) -> None:
        array = self._target()
        if array is not None:
            array.others += 1

    @staticmethod
    def _numbers(array: Array, text: bytes, start: int) -> int:
        """Fast path once an array's leading values are kept: count the comma-separated
        literals from ``start`` in one regex match (a 2 MB table is a few thousand calls, not
        300,000 tokens); return the position after them."""
        m = NUMBER_LIST.match(text, start)
        assert m is not None  # the tokenizer saw a literal at start
        run = m.group()
        array.literals += run.count(b",") + 1
        array.floats += len(FLOAT_START.findall(run))
        array.hexes += len(HEX_START.findall(run))
        return m.end()

    def _number(self, array: Array, token: bytes) -> None:
        array.literals += 1
        lower = token.lower()
        if lower.startswith(b"0x"):
            array.hexes += 1
        elif b"." in lower or (b"e" in lower and not lower.endswith(b"e")):
            array.floats += 1
        if array.literals == 1:
            array.first = bytearray()
            array.values = []
        want_value = array.values is not None and len(array.values) < HEAD_VALUES
        want_byte = array.first is not None and len(array.first) < 16
        if not (want_value or want_byte):
            return
        value = literal_value(token)
        if array.values is not None and want_value:
            if value is None:
                array.values = None
            else:
                array.values.append(value)
        if array.first is not None and want_byte:
            if isinstance(value, int) and 0 <= value <= 255:
                array.first.append(value)
            else:
                array.first = None


def literal_value(token: bytes) -> int | float | None:
    """The value of a C/Python/Rust numeric literal (``-0.5f``, ``0x1F``, ``7u``, ``1.5_f32``),
    or ``None`` when it is something else (a version string, an octal-looking ``09``)."""
    text = token.decode("ascii", "replace").replace("_", "")
    lower = text.lower()
    try:
        if lower.lstrip("-").startswith("0x"):
            return int(lower.rstrip("ul"), 16)
        if "." in lower or ("e" in lower and not lower.startswith(("0x", "-0x"))):
            return float(lower.removesuffix("f64").removesuffix("f32").rstrip("fl"))
        return int(re.sub(r"(?:[iu](?:8|16|32|64|size))$|[ul]+$", "", lower), 10)
    except ValueError:
        return None


def embedded_magic(first: bytes) -> str | None:
    """The model format whose magic a byte array starts with (rule 1), or ``None``."""
    if len(first) >= 8 and first[4:8] == b"TFL3":
        return "tflite"
    if first[:4] == b"GGUF":
        return "gguf"
    if first[:4] == NNUE_MAGIC:
        return "nnue"
    return None


def _enough_literals(data: bytes) -> bool:
    """Cheap first pass, C-speed only: do the first :data:`MAX_SCAN` bytes (no NUL) hold
    :data:`MIN_ARRAY` literals in runs of :data:`RUN` (:data:`SHAPE`)? Every rule needs an array
    of that many (rules 2 and 3: :data:`MIN_LITERALS`, rule 1 with a model magic among them:
    :data:`MIN_ARRAY`); code has literals in ones and twos, tables and weights in long runs.
    Measured on pytorch 1.13's 6,500 C++/Python files (83 MiB): 0.25 s, 57 files pass; all of
    aom's weight headers pass (the smallest counts 288 literals in runs, 266 in arrays). Limit: an array with a comment or a macro between every few
    values (``0.5, /* w0 */``, ``Q15(0.5),``) does not pass, and so is not seen."""
    if b"\0" in data:
        return False
    in_runs = data.translate(SHAPE, SHAPE_DELETE).count(b"," * RUN) * RUN
    if in_runs >= MIN_LITERALS // 2:  # rules 2 and 3 want MIN_LITERALS; the count is floored
        return True
    return in_runs >= MIN_ARRAY and MAGIC_LITERALS.search(data) is not None  # rule 1


def _may_fire(data: bytes, head: bytes) -> bool:
    """Second pass, before the tokenizer (which runs at ~2 MB/s): can any rule hold? Rule 2
    needs a banner in the head, rule 1 a model magic as literals (:data:`LOOSE_MAGIC`, which
    also takes suffixed literals such as ``84u``), rule 3 an array name that :func:`ml_name`
    accepts, and every array name is an identifier of the file. The distinct identifiers are
    judged once each. scipy's 71 test and stats modules that pass :func:`_enough_literals`
    (2 s of tokenizing, no model) stop here."""
    if BANNER.search(head[:BANNER_WINDOW]) is not None or LOOSE_MAGIC.search(data) is not None:
        return True
    # ml_name costs ~3 us and a large module has 50,000 distinct identifiers: judge only those
    # with a vocabulary word in them (one regex pass over them, one per line).
    names = b"\n".join(set(IDENTIFIER.findall(data)))
    return any(ml_name(name.decode("ascii")) for name in ML_CANDIDATE.findall(names))


def read(path: Path, head: bytes, size: int) -> ModelInfo | None:
    with path.open("rb") as f:
        data = f.read(MAX_SCAN)
    if not _enough_literals(data) or not _may_fire(data, head):
        return None
    name = path.name.lower()
    lang = ("python" if name.endswith(PYTHON_SUFFIXES)
            else "c" if name.endswith(C_SUFFIXES) else "other")
    scanner = _Scanner(lang)
    read_bytes = 0
    with path.open("rb") as f:
        lineno = 0
        while read_bytes < MAX_SCAN:
            line = f.readline(min(MAX_LINE, MAX_SCAN - read_bytes))
            if not line:
                break
            if b"\0" in line:
                return None  # binary after all
            read_bytes += len(line)
            lineno += 1
            scanner.feed(line, lineno)

    arrays = list(scanner.arrays.values())
    plain = sum(a.literals for a in arrays if a.data)  # in named arrays, tables apart
    total = sum(a.literals for a in arrays) + scanner.unnamed
    ml_arrays = [a for a in arrays if a.ml]
    ml_literals = sum(a.literals for a in ml_arrays)

    embedded: tuple[str, Array] | None = None
    for a in arrays:
        kind = embedded_magic(bytes(a.first or b""))
        if kind is not None and a.literals >= MIN_ARRAY:
            embedded = (kind, a)
            break
    banner = BANNER.search(head[:BANNER_WINDOW])

    if embedded is not None:
        kind, array = embedded
        chosen = [array]
        parameters = array.literals
    elif banner is not None and plain >= MIN_LITERALS and 2 * plain >= total:
        chosen = ml_arrays or [a for a in arrays if a.literals >= 16 and a.data]
        parameters = ml_literals or sum(a.literals for a in chosen)
    elif ml_literals >= MIN_LITERALS and 2 * ml_literals >= total:
        chosen = ml_arrays
        parameters = ml_literals
    else:
        return None

    chosen.sort(key=lambda a: a.line)
    extra: dict[str, object] = {
        "arrays": [a.name for a in chosen[:MAX_NAMES]],
        "array_count": len(chosen),
        "literals": total,
        "float_literals": sum(a.floats for a in arrays),
        "first_line": chosen[0].line if chosen else 0,
        # Leading values per array: the weights-in-code check looks for them in the binaries
        # built from this source (same run, e.g. a .changes).
        "heads": {a.name: a.values for a in chosen[:MAX_HEADS]
                  if a.values is not None and len(a.values) == HEAD_VALUES},
    }
    if read_bytes < size:
        extra["truncated_at"] = read_bytes
    provenance = Provenance()
    extra["evidence"] = ("embedded-" + embedded[0] if embedded is not None
                         else "generator-banner" if banner is not None else "ml-named-arrays")
    if embedded is not None:
        extra["embedded"] = embedded[0]
    if banner is not None:
        text = " ".join(banner.group().decode("utf-8", "replace").split())
        extra["banner"] = text
        source = CHECKPOINT_NAME.search(head, banner.start(), banner.start() + 400)
        if source is not None:
            named = source.group().decode("utf-8", "replace")
            if text.lower().startswith("embedded"):
                # "Embedded file: model.tflite": the array *is* that file, byte for byte; it
                # names no checkpoint the model was trained into.
                extra["embedded_file"] = named
            else:
                extra["generated_from"] = named
                provenance.training_inputs.append(named)
    return ModelInfo(format="c-array", tensors=len(chosen), parameters=parameters,
                     provenance=provenance, extra=extra)


FORMATS = (Format("c-array", sniff, read, extensions=SUFFIXES, magic=False, named=True),)
