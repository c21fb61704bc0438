"""Declared data for the provenance evidence collectors (style.md §4: lists are data).

Each table says what a name means for the evidence levels of tags.md ("Evidence levels"). A new
trainer, dataset loader or hook name is a one-line change here; the collectors only read these.
"""

from __future__ import annotations

from typing import NamedTuple


class Tool(NamedTuple):
    """A command-line program met in build files and shell scripts.

    ``role`` is "train" (estimates parameters from data: pipeline P2, and P3 when it writes the
    shipped format itself) or "convert" (turns a trained model into the shipped format: the
    export step of P3). ``writes`` names the format ids (model-formats.md §5, or the id the text
    format readers use) the program writes directly. ``needs`` is a word that must follow the
    command on the same line for generic programs (``fasttext supervised``), else ``""``.
    ``sources`` are base names (no extension) of the program's own main file, so that a trainer
    shipped as C/C++ source counts as present when that file defines ``main``.
    """

    name: str
    role: str
    writes: tuple[str, ...] = ()
    needs: str = ""
    sources: tuple[str, ...] = ()


TOOLS: dict[str, Tool] = {t.name: t for t in (
    # OpenCV object detection (opencv apps/traincascade/traincascade.cpp).
    Tool("opencv_traincascade", "train", ("opencv",), sources=("traincascade",)),
    Tool("opencv_haartraining", "train", ("opencv",), sources=("haartraining",)),
    # Tesseract (tesstrain's Makefile drives lstmtraining; combine_tessdata packs .traineddata).
    Tool("tesstrain", "train", ("tesseract",)),
    Tool("tesstrain.sh", "train", ("tesseract",)),
    Tool("lstmtraining", "train", ("tesseract",), sources=("lstmtraining",)),
    Tool("mftraining", "train", ("tesseract",), sources=("mftraining",)),
    Tool("cntraining", "train", ("tesseract",), sources=("cntraining",)),
    Tool("combine_tessdata", "convert", ("tesseract",), sources=("combine_tessdata",)),
    # CMU Sphinx acoustic models.
    Tool("sphinxtrain", "train", ("sphinx",)),
    Tool("SphinxTrain", "train", ("sphinx",)),
    Tool("mk_s2sendump", "convert", ("sphinx",)),  # mixture weights -> pocketsphinx sendump
    # n-gram language models: KenLM, SRILM, MITLM.
    Tool("lmplz", "train", ("arpa",), sources=("lmplz_main", "lmplz")),
    Tool("ngram-count", "train", ("arpa",)),
    Tool("estimate-ngram", "train", ("arpa",)),
    Tool("build_binary", "convert", ("kenlm",), sources=("build_binary_main",)),
    # Handwriting recognition (tegaki-tools; zinnia's own trainer).
    Tool("tegaki-build", "train", ("zinnia",)),
    Tool("zinnia_learn", "train", ("zinnia",), sources=("zinnia_learn",)),
    Tool("zinnia_convert", "convert", ("zinnia",), sources=("zinnia_convert",)),
    # Classic learners.
    Tool("svm-train", "train", ("libsvm",), sources=("svm-train",)),
    Tool("svm_learn", "train", ("svmlight",), sources=("svm_learn",)),
    Tool("crf_learn", "train", ("crfpp",), sources=("crf_learn",)),
    # apertium-tagger -t/-s/-r estimate a .prob HMM (apertium's tagger_trainer modes).
    Tool("apertium-tagger", "train", ("apertium-tagger",),
         needs="-t|-s|-r|--train|--supervised|--retrain"),
    Tool("darknet", "train", ("darknet",), needs="train"),
    Tool("mecab-cost-train", "train", ("mecab",), sources=("mecab-cost-train",)),
    Tool("mecab-dict-index", "convert", ("mecab",)),
    # mecab-dict-gen writes a trained model's costs into matrix.def and the CSV lexicons
    # (mecab/src/dictionary_generator.cpp).
    Tool("mecab-dict-gen", "convert", ("mecab",)),
    Tool("fasttext", "train", ("fasttext",), needs="supervised|skipgram|cbow"),
    Tool("spm_train", "train", ("sentencepiece",), sources=("spm_train_main",)),
    Tool("word2vec", "train", ("word2vec",), needs="-train"),
    Tool("vw", "train", ("vowpal-wabbit",), needs="-f|--final_regressor"),
    # Profile hidden Markov models (hmmer src/hmmbuild.c writes HMMER3 text).
    Tool("hmmbuild", "train", ("hmmer",), sources=("hmmbuild",)),
    # Arm NN's converter writes .armnn from TFLite/ONNX models (src/armnnConverter).
    Tool("ArmnnConverter", "convert", ("armnn",), sources=("ArmnnConverter",)),
)}

# Python: method names whose call on any object trains a model (ast attribute calls).
# ``.fit(`` is scikit-learn, Keras, statsmodels, XGBoost's sklearn API; ``.train(`` needs a
# receiver that is a known trainer (below), since ``.train()`` alone also switches torch modules
# into training mode.
FIT_METHODS = frozenset({"fit", "fit_generator", "partial_fit", "train_on_batch"})
TRAIN_RECEIVERS = frozenset({
    "trainer", "xgb", "xgboost", "lgb", "lightgbm", "catboost", "SentencePieceTrainer",
    "sentencepiece", "spm",
})
TRAIN_FUNCTIONS = frozenset({
    "train_supervised", "train_unsupervised",  # fasttext
    "Word2Vec", "Doc2Vec", "FastText",         # gensim constructors train when given a corpus
    "train_shape_predictor",                   # dlib (writes a shape predictor .dat)
})
# Python calls that write a model file: the name's last part, on any receiver.
SAVE_CALLS = frozenset({
    "save", "save_model", "save_weights", "save_pretrained", "dump", "dump_model", "tofile",
    "export", "to_filename", "write", "savez", "savez_compressed", "save_file",
})

# Names in a training file that mean the data is generated, not read (self-play, simulators).
SELF_PLAY_WORDS = ("self_play", "selfplay", "self-play", "gym.make", "gymnasium.make")

# debian/rules targets that are an opt-in retraining hook (P4) when nothing in the default
# build reaches them (Zacchiroli's "bootstrap" target, seeds/001).
HOOK_TARGETS = frozenset({
    "bootstrap", "retrain", "train", "training", "retrain-model", "retrain-models",
    "regenerate-model", "regenerate-models", "rebuild-model", "rebuild-models", "train-model",
    "train-models", "model", "models",
})
# Words that, inside a DEB_BUILD_PROFILES test or a <profile> restriction, name retraining.
PROFILE_WORDS = ("retrain", "bootstrap", "train")

# Extensions of files that hold data rather than code or models: a trainer's input that exists
# in the source with one of these is shipped training data (E4).
DATA_SUFFIXES = frozenset({
    ".csv", ".tsv", ".txt", ".xml", ".json", ".jsonl", ".arff", ".sto", ".fa", ".fasta", ".aln",
    ".train", ".test", ".data", ".libsvm", ".svm", ".dat", ".conll", ".conllu", ".corpus", ".wav",
    ".flac", ".png", ".jpg", ".parquet", ".gz", ".xz", ".bz2", ".zip", ".tar", ".npy", ".npz",
    ".h5", ".rda", ".ark", ".lst", ".tiff", ".tif", ".box", ".gt",
})
# Files a training script reads that are not training data.
NOT_DATA_WORDS = ("config", "conf.", "param", "setting", "vocab", "label", "requirements",
                  "license", "readme", "tokenizer")
CODE_SUFFIXES = frozenset({
    ".py", ".sh", ".c", ".cc", ".cpp", ".h", ".hpp", ".pl", ".rb", ".js", ".java", ".go", ".rs",
    ".mk", ".cmake", ".in", ".am", ".m4", ".r",
})

# Prose: a sentence that talks about training data / training code. Lower-cased matching.
DATA_WORDS = ("training data", "training set", "training corpus", "trained on", "trained with",
              "trained from", "training dataset", "train data", "train set", "dataset",
              "data set", "corpus", "corpora")
PIPELINE_WORDS = ("training code", "training script", "training program", "training tool",
                  "training pipeline", "to retrain", "retraining", "train the network",
                  "train the model", "training software", "trainer")
# A script whose name has one of these is a data download script: its dataset fetches are E3
# even when it trains nothing (download_data.sh, get_corpus.py).
DATA_SCRIPT_WORDS = ("data", "corpus", "corpora")
# Prose files read for E1/P1 (and URLs in them for E3). Base names, lower case, and the
# Debian files ml-policy.md §1.5 (5) names.
PROSE_NAMES = ("readme", "readme.md", "readme.txt", "readme.rst", "readme.source",
               "readme.debian", "training.md", "training.txt", "data.md", "datasets.md",
               "model_card.md", "modelcard.md", "notes", "doc.txt")
PROSE_SUFFIXES = frozenset({".md", ".rst", ".txt"})
PROSE_DIRS = ("doc/", "docs/", "documentation/")

# Licences of widely used public datasets, keyed by lower-case Hub id or common name, for the
# data-licence condition of a Free model (ml-policy.md §1.3). Only datasets whose terms are
# stated by their publishers; anything else stays unknown.
DATASET_LICENSES: dict[str, str] = {
    "imagenet": "LicenseRef-research-only",      # image-net.org terms: non-commercial research
    "imagenet-1k": "LicenseRef-research-only",
    "ilsvrc/imagenet-1k": "LicenseRef-research-only",
    "ilsvrc2012": "LicenseRef-research-only",
    "celeba": "LicenseRef-research-only",        # CelebA agreement: non-commercial research
    "ffhq": "CC-BY-NC-SA-4.0",                   # NVlabs/ffhq-dataset README
    "mnist": "CC-BY-SA-3.0",                     # yann.lecun.com/exdb/mnist
    "ylecun/mnist": "CC-BY-SA-3.0",
    "librispeech": "CC-BY-4.0",                  # openslr.org/12
    "openslr/librispeech_asr": "CC-BY-4.0",
    "common_voice": "CC0-1.0",                   # commonvoice.mozilla.org
    "mozilla-foundation/common_voice_11_0": "CC0-1.0",
    "wikitext": "CC-BY-SA-3.0",                  # Salesforce WikiText
    "salesforce/wikitext": "CC-BY-SA-3.0",
    "squad": "CC-BY-SA-4.0",                     # rajpurkar.github.io/SQuAD-explorer
    "rajpurkar/squad": "CC-BY-SA-4.0",
}
