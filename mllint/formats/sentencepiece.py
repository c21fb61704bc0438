"""SentencePiece ``.model``: a protobuf ``ModelProto`` (google/sentencepiece
src/sentencepiece_model.proto, proto2).

ModelProto: 1 pieces (SentencePiece: 1 piece, 2 score float, 3 type), 2 trainer_spec
(TrainerSpec: 1 input, 2 model_prefix, 3 model_type, 4 vocab_size, 7 input_format),
3 normalizer_spec (1 name), 4 self_test_data, 5 denormalizer_spec. ``trainer_spec.input`` keeps
the training corpus paths as the trainer saw them (model-formats.md §5, measured): they feed
``Provenance.training_inputs``. The piece scores are trained, so this is a model, not a config.
"""

from __future__ import annotations

from pathlib import Path

from mllint.formats.base import Format, LimitExceededError, ModelInfo, Provenance
from mllint.formats.protobuf import I32, LEN, VARINT, Walker, expect, head_text, scan

MODEL_TYPES = {1: "unigram", 2: "bpe", 3: "word", 4: "char"}  # TrainerSpec.ModelType
PIECE_FIELDS = frozenset({(1, LEN), (2, I32), (3, VARINT)})
MAX_INPUTS = 10_000
MAX_NAME = 4096


def sniff(head: bytes, size: int, name: str) -> bool:
    if head[:1] != b"\x0a":
        return False
    scanned = scan(head, 0, size, limit=8, truncated_ok=True)
    if not scanned or not scanned[0]:
        return False
    top = scanned[0]
    if not all(1 <= f.number <= 5 and f.wire == LEN for f in top):
        return False
    piece = scan(head, top[0].value, top[0].end, limit=3)
    if piece is None or not piece[0]:
        return False
    fields = piece[0]
    if (fields[0].number, fields[0].wire) != (1, LEN) or head_text(head, fields[0]) is None:
        return False
    if not all((f.number, f.wire) in PIECE_FIELDS for f in fields):
        return False
    # A score or type after the piece, or a second piece: a bare string message is too weak.
    return len(fields) > 1 or sum(f.number == 1 for f in top) > 1


def read(path: Path, head: bytes, size: int) -> ModelInfo | None:
    pieces = 0
    inputs: list[str] = []
    trainer: dict[str, object] = {}
    normalizer = ""
    with path.open("rb") as f:
        w = Walker(f, size)
        for fld in w.fields(0, size):
            expect(fld, LEN, "ModelProto field")
            if fld.number == 1:
                pieces += 1
            elif fld.number == 2:
                for g in w.message(fld, 1):
                    if g.number == 1:
                        inputs.append(w.text(expect(g, LEN, "trainer input"), MAX_NAME))
                        if len(inputs) > MAX_INPUTS:
                            raise LimitExceededError(f"more than {MAX_INPUTS} trainer inputs")
                    elif g.number == 2:
                        trainer["model_prefix"] = w.text(expect(g, LEN, "model_prefix"),
                                                         MAX_NAME)
                    elif g.number == 3:
                        kind = expect(g, VARINT, "model_type").value
                        trainer["model_type"] = MODEL_TYPES.get(kind, str(kind))
                    elif g.number == 4:
                        trainer["vocab_size"] = expect(g, VARINT, "vocab_size").value
                    elif g.number == 7:
                        trainer["input_format"] = w.text(expect(g, LEN, "input_format"), 64)
            elif fld.number == 3:
                for g in w.message(fld, 1):
                    if g.number == 1:
                        normalizer = w.text(expect(g, LEN, "normalizer name"), MAX_NAME)
    if not pieces:
        return None
    return ModelInfo(format="sentencepiece", parameters=pieces,
                     provenance=Provenance(training_inputs=inputs), trained=True,
                     extra={"pieces": pieces, "normalizer": normalizer, **trainer})


FORMATS = (Format("sentencepiece", sniff, read, extensions=(".model",), magic=False,
                  lead=b"\x0a"),)
