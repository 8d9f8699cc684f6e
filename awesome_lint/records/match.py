"""Comparing a row with its record, conservatively: what differs only in writing is the same.

Titles are compared after normalisation (Unicode form, case, LaTeX, punctuation, whitespace);
then by similarity. The thresholds were chosen on the corpus (``benchmarks/papers.py
--thresholds``): of 20,000 pairs of different corpus papers none scores above 0.74, so
``SAME_PAPER`` (0.75) never takes two papers for one; of the 238 pairs of rows that give one
identifier two titles, none of those that are one paper falls to "another paper" once rows
that describe rather than title a paper, and titles sharing a rare word, are left in doubt.
Between the two nothing is claimed.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from enum import Enum
from itertools import pairwise

SAME_PAPER = 0.75  # at least this similar: one paper, its title written differently
OTHER_PAPER = 0.35  # at most this similar, and nothing distinctive shared: another paper

#: words in more than 0.4% of the corpus's 12,489 titles: sharing one is no evidence of one paper
COMMON = frozenset(
    (
        "0 1 10 2 3 3d 4 4o 5 6 7 7b 8 8b 9 a ability accelerating accuracy accurate achieve achieves "
        "achieving across action adaptation adaptive advanced adversarial against agent agents ai "
        "algorithm algorithms aligned alignment all also an analysis and animation answer answering any "
        "applications approach approaches architecture are art as at attack attacks attention audio "
        "augmentation augmented authors automatic autonomous avatar avatars aware awesome based "
        "baseline be behavior benchmark benchmarking benchmarks best better between beyond blind blur "
        "boosting both but by cache calibration can capabilities chain challenges chat chatgpt class "
        "classification claude clustering co code coding collaborative compared complex comprehensive "
        "compression compute conditional conditioned confidence conformal conformalized consistency "
        "consistent content context continuous contrastive control controllable convolutional cost "
        "cross data dataset datasets deblurring decision decoding deep deepseek demonstrates dense "
        "depth design detection different diffusion discovery distillation distribution diverse domain "
        "driven dual during dynamic dynamics e each editing effective efficiency efficient efficiently "
        "embedding enables enabling end enhance enhanced enhancing ensemble environments estimation etc "
        "evaluating evaluation even examples existing experts exploration exploring face facial fast "
        "faster feature features federated feedback few fidelity fields finds fine first flow for "
        "forecasting foundation framework free from full function future g gains gaussian general "
        "generalization generate generated generating generation generative global go gpt gradient "
        "grained graph graphs guidance guided hallucination head help helps hierarchical high higher "
        "highlights how human hybrid i image images implicit improve improved improvement improvements "
        "improves improving in include including inference information input insights instance instruct "
        "instruction instructions interaction interactive intervals into introduces is it iterative its "
        "jailbreak jailbreaking joint kernel key knowledge kv label language large larger latent layer "
        "learn learning length less level leverages leveraging like llama llm llms local long loss low "
        "machine making many masked matching math medical memory meta method methods mixture ml modal "
        "model modeling models more motion multi multimodal multiple natural need net network networks "
        "neural new next no non not novel object odometry of off offline on one online only open "
        "optimal optimization or other out outperforms outputs over overview paper papers parallel "
        "parameter parameters perform performance personalized perspective planning point policies "
        "policy portrait post potential power pre prediction predictive preference presents preserving "
        "pretraining prior privacy probabilistic problem problems process processing programming prompt "
        "prompting prompts proposes provides pruning python q quality quantification quantization query "
        "question rag real realistic reasoning recognition recommendation recommender reconstruction "
        "referring regression reinforcement remote representation representations research resolution "
        "responses results retrieval reward rewards rl robust robustness rs rust s safety sample "
        "sampling scalable scale scaling scene search security segmentation self semantic semi sensing "
        "sequence sequential series set shot show shows significantly simple single small solving "
        "source space sparse spatial specific speech stage standard state step steps strategies "
        "strategy strong structure structured study style such supervised survey synthesis synthetic "
        "system systems tailed talking task tasks techniques temporal test text than that the their "
        "them then these they this thought three through time to token tokens tool tools top towards "
        "train trained training transfer transformer transformers tree tuned tuning two uncertainty "
        "under understanding unified universal university unsupervised up use used user uses using "
        "value via video videos view vision visual vocabulary vs web week what when where which while "
        "with without work world you your zero"
    ).split()
)
_FUNCTION = frozenset("a an the of for and with in on to via by from at is are as or its your you".split())

_LATEX_CMD = re.compile(r"\\(?:emph|textit|textbf|texttt|textsc|mathrm|mathbf|mathcal|text|mbox)\s*\{([^{}]*)\}")
_LATEX_ACCENT = re.compile(r"\\[`'^\"~=.uvHtcdbk]\s*\{?([A-Za-z])\}?")
_LATEX_BARE = re.compile(r"\\[A-Za-z]+")
_NON_ALNUM = re.compile(r"[\W_]+")


class Verdict(str, Enum):
    SAME = "same"  # equal once normalised, or one contains the other (a method-name prefix)
    DIFFERS = "differs"  # the same paper, its title written otherwise (an older version)
    OTHER = "other"  # a different paper
    UNSURE = "unsure"


def normalise(title: str) -> str:
    """Case, punctuation, LaTeX markup, accents, whitespace and Unicode form set aside."""
    text = _LATEX_CMD.sub(r"\1", title)
    text = _LATEX_ACCENT.sub(r"\1", text)
    text = _LATEX_BARE.sub(" ", text).replace("$", " ").replace("{", "").replace("}", "")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return _NON_ALNUM.sub(" ", text).strip()


def similarity(a: str, b: str) -> float:
    """0..1 on normalised titles: the larger of character and word similarity."""
    x, y = normalise(a), normalise(b)
    if not x or not y:
        return 0.0
    chars = SequenceMatcher(None, x, y, autojunk=False).ratio()
    wx, wy = set(x.split()), set(y.split())
    words = len(wx & wy) / len(wx | wy)
    return max(chars, words)


def compare(row_title: str, record_title: str) -> Verdict:
    x, y = normalise(row_title), normalise(record_title)
    if not x or not y:
        return Verdict.UNSURE
    if x == y or _contains(x, y) or _contains(y, x):
        return Verdict.SAME
    score = similarity(x, y)
    if score >= SAME_PAPER:
        return Verdict.DIFFERS
    if score <= OTHER_PAPER and not _shared_evidence(x, y) and not _described(row_title):
        return Verdict.OTHER
    return Verdict.UNSURE


_DESCRIBED = re.compile(
    r"^\s*(?:\d+[.)]|[^\w\s\[(]+|\[)|\s[-\u2013\u2014]\s|\((?:paper|code|project|pdf|website|blog)\)", re.IGNORECASE
)


def _described(row_title: str) -> bool:
    """A row that names and describes a paper rather than giving its title: numbered
    (``7) DeepSeek-VL2 - a new series…``), tagged (``🔥[RWKV] …``), ``Name - what it does``,
    ``nnU-Net (paper) (code)``. Its words say little about the title, so never "another paper"."""
    return bool(_DESCRIBED.search(row_title))


def _shared_evidence(x: str, y: str) -> bool:
    """Anything that may name one paper in both: a word that is not common in titles (a method's
    name), or two words in a row that are not both function words. Rows often hold a model's
    name and a description (``7) DeepSeek-VL2 - a new series of …``) rather than the title."""
    wx, wy = x.split(), y.split()
    if any(len(w) >= 3 and w not in COMMON for w in set(wx) & set(wy)):
        return True
    pairs = {(a, b) for a, b in pairwise(wx) if not (a in _FUNCTION and b in _FUNCTION)}
    return any(pair in pairs for pair in pairwise(wy))


def _contains(outer: str, inner: str) -> bool:
    """``inner`` is ``outer`` with a few words added around it (``SAM: Segment Anything``),
    as whole words, and long enough to be a title rather than a phrase."""
    if len(inner.split()) < 2 or len(inner) < 12:
        return False
    return f" {inner} " in f" {outer} "
