"""Extract mentions of methods, models, data sets and metrics from a paper's text.

A spaCy pipeline on a blank language:

- ``MixedTokenizer`` splits Latin text into letter/digit runs and punctuation, and Chinese
  text at the vocabulary's Chinese words (spaCy's Chinese segmenter would split GRPO
  into G, R, P, O);
- ``kg_vocabulary`` matches the vocabulary's labels (``ontology/vocabulary``) with
  PhraseMatchers and writes ``doc.spans["vocabulary"]``;
- ``kg_names`` finds names the vocabulary does not know, from their shape and from how
  the text uses them (``kg.patterns``), and writes ``doc.spans["names"]``.

``Extractor.extract(paper)`` runs the pipeline over a paper's sections and returns one
``Mention`` per name, with its type, section, sentence and whether the paper proposes it.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from functools import lru_cache
from dataclasses import dataclass, field
from typing import Iterable, Iterator

import numpy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from . import patterns as P
from .records import Mention, PaperRecord
from .vocab import Term, Vocabulary, norm

EXTRACTOR_VERSION = "3"  # bumped: what is extracted changed on every page
# Sections read but not searched for entities. An applications section guesses where
# the work might be used (自动驾驶、医疗影像); in 260 annotated corpus pages, of the
# entities only it named, 8 in 9 were spurious.
UNSEARCHED_ROLES = frozenset({"applications"})

# Chinese text and its full-width punctuation form runs that only the lexicon cuts:
# names are Latin tokens or lexicon words, so no span ever starts inside a run.
_CUT = "\x00"  # a control character; a page's own are tokens of their own, as before
# Each token with the single space after it, if any (spaCy's ``spaces``); other
# whitespace is a token of its own, as spaCy expects. A cut mark before a token is not
# part of it.
_STAND_IN = "\u9fff"  # a Chinese run's stand-in in a Doc: the block's last ideograph, in no label
_CJK_RUN = re.compile(rf"[{P.CJK}{P.CJK_PUNCT}]+")
_TOKEN_AND_SPACE = re.compile(rf"{_CUT}*([A-Za-z0-9]+|{_CJK_RUN.pattern}|[^\S\n]+|\n+|[^\s{_CUT}])(?:{_CUT}?( )(?! ))?")
_CJK_WORD = re.compile(rf"[{P.CJK}]+")


class Lexicon:
    """Chinese words, found in text by longest match from the left, without overlaps.

    Only the places where a word may begin are walked in Python, longest word first
    (a fifth of Chinese characters begin one). In a page they are found at once with
    NumPy: each character's code indexes a table of the lexicon's characters, and each
    pair of neighbours a table of the pairs that begin a word. Walking every character
    in Python was a tenth of extraction; one trie-shaped regex of the words is slower
    still, its alternatives being tried one by one.
    """

    def __init__(self, words: Iterable[str]):
        self.words = frozenset(word for word in words if _CJK_WORD.fullmatch(word))
        lengths: dict[str, set[int]] = {}
        for word in self.words:
            if len(word) > 1:
                lengths.setdefault(word[:2], set()).add(len(word))
        self.lengths = {pair: sorted(found, reverse=True) for pair, found in lengths.items()}
        self.singles = frozenset(word for word in self.words if len(word) == 1)
        chars = sorted({char for pair in self.lengths for char in pair} | self.singles)
        self._ids = numpy.zeros(0x110000, dtype=numpy.int32)  # code point -> 1 + its index in chars; 0: none
        self._ids[[ord(char) for char in chars]] = numpy.arange(1, len(chars) + 1)
        self._width = len(chars) + 1
        begins = numpy.zeros((self._width, self._width), dtype=bool)  # [first, second]: a word begins
        begins[self._ids[[ord(pair[0]) for pair in self.lengths]], self._ids[[ord(pair[1]) for pair in self.lengths]]] = True
        begins[self._ids[[ord(char) for char in self.singles]], :] = True  # whatever follows
        self._begins = begins.ravel()

    def cuts(self, text: str) -> list[int]:
        """Where the words found in ``text`` begin and end, sorted."""
        return _bounds(self.find(text))

    def find(self, text: str, codes: numpy.ndarray | None = None) -> list[tuple[int, int]]:
        """Where each word found in ``text`` begins and ends; ``codes``, the text's code
        points (see ``_code_points``), if they are known."""
        found: list[tuple[int, int]] = []
        words, lengths, singles, end = self.words, self.lengths, self.singles, len(text)
        after = 0  # the end of the last word found: no word starts inside it
        for i in self._places(text, codes):
            if i < after:
                continue
            for length in lengths.get(text[i:i + 2], ()):
                # (a slice past the text's end would be shorter, and could be another word)
                if length == 2 or (i + length <= end and text[i:i + length] in words):
                    break
            else:
                if text[i] not in singles:
                    continue
                length = 1
            after = i + length
            found.append((i, after))
        return found

    def _places(self, text: str, codes: numpy.ndarray | None) -> Iterable[int]:
        """Where in ``text`` a word may begin."""
        if codes is None and len(text) < _SHORT_TEXT:  # a label: NumPy's calls cost more than they save
            lengths, singles = self.lengths, self.singles
            return [i for run in _CJK_WORD.finditer(text) for i in range(run.start(), run.end())
                    if text[i] in singles or text[i:i + 2] in lengths]
        ids = self._ids[_code_points(text) if codes is None else codes]
        return numpy.flatnonzero(self._begins[ids[:-1] * self._width + ids[1:]]).tolist()


def _bounds(words: list[tuple[int, int]]) -> list[int]:
    """Where ``words`` begin and end, sorted, once each."""
    cuts: list[int] = []
    for start, end in words:
        if not cuts or cuts[-1] != start:  # (a word right after the last one begins where it ends)
            cuts.append(start)
        cuts.append(end)
    return cuts


def _code_points(text: str) -> numpy.ndarray:
    """The code points of ``text`` and a NUL after it, as an array."""
    return numpy.frombuffer((text + "\0").encode("utf-32-le", "surrogatepass"), dtype=numpy.uint32)


_SHORT_TEXT = 200


class MixedTokenizer:
    """Tokenizer for mixed Chinese/English text.

    Latin letters and digits form runs (``Qwen3``, ``-``, ``8B``), punctuation stands
    alone, and Chinese text, which has no spaces, is cut wherever a word of the
    ``lexicon`` (the Chinese labels of the vocabulary) begins or ends, by longest match.
    spaCy's own Chinese segmenter splits Latin words into characters (GRPO -> G R P O);
    one token per Chinese character would be correct too, but three times slower.
    """

    def __init__(self, vocab, lexicon: Lexicon | None = None):
        self.vocab = vocab
        self.lexicon = lexicon
        # code point -> whether a Doc writes it as a stand-in (see ``keep_only``); None: none
        self._stand_in: numpy.ndarray | None = None

    def keep_only(self, runs: Iterable[str]) -> None:
        """Write in each Doc only these Chinese runs (the labels' tokens) and the words
        cut out of its text as they are; any other Chinese run becomes a stand-in of its
        length, so offsets stay true. Such a run can match no label, and as itself it
        was a new word in the vocab's store, sixty a page never seen again: a tenth of
        extraction, and memory that grew with every page."""
        stand_in = numpy.zeros(0x110000, dtype=bool)
        for run in _CJK_RUN.finditer("".join(map(chr, range(0x10000)))):  # (all are in the first plane)
            stand_in[run.start():run.end()] = True
        words = self.lexicon.words if self.lexicon is not None else frozenset()
        # (a run kept that is no word, as ’ of Stein’s, keeps its characters everywhere)
        stand_in[[ord(char) for run in runs if run not in words for char in run]] = False
        self._stand_in = stand_in

    def __call__(self, text: str) -> Doc:
        # (each space is " " or "", which a Doc reads as true or false)
        words, spaces = zip(*pairs) if (pairs := self.tokens(text, self._stand_in is not None)) else ((), ())
        return Doc(self.vocab, words=words, spaces=spaces)

    def tokens(self, text: str, stand_ins: bool = False) -> list[tuple[str, str]]:
        """Each token of ``text`` and the space after it ("" if none); with
        ``stand_ins``, Chinese runs not kept (see ``keep_only``) as stand-ins."""
        if _CUT in text:  # a page's own NUL: U+FFFD keeps it a token of its own, offsets true
            text = text.replace(_CUT, "\ufffd")
        codes = _code_points(text) if stand_ins else None
        words = self.lexicon.find(text, codes) if self.lexicon is not None else []
        if stand_ins:
            blank = self._stand_in[codes[:-1]]
            for start, end in words:
                blank[start:end] = False
            text = numpy.where(blank, ord(_STAND_IN), codes[:-1]).astype(numpy.uint32).tobytes().decode(
                "utf-32-le", "surrogatepass")
        if words:
            # a mark at each word's ends ends the run there; the token regex drops it (C,
            # not a Python loop over tokens)
            cuts = _bounds(words)
            text = _CUT.join(text[left:right] for left, right in zip([0, *cuts], [*cuts, len(text)]))
        return _TOKEN_AND_SPACE.findall(text)


@Language.factory("kg_vocabulary")
def _make_vocabulary_matcher(nlp: Language, name: str):
    return VocabularyMatcher(nlp)


class VocabularyMatcher:
    """Writes ``doc.spans["vocabulary"]``: label = type, kb_id = the term's IRI."""

    def __init__(self, nlp: Language):
        self.nlp = nlp
        self.any_case = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact_case = PhraseMatcher(nlp.vocab, attr="ORTH")
        # each term's IRI (the match id) -> its type, as ids of the vocab's strings, which a
        # Span takes without looking the strings up again
        self.types: dict[int, int] = {}
        self.label_tokens: list[list[list[str]]] = []

    def add_vocabulary(self, vocabulary: Vocabulary, label_tokens: list[list[list[str]]] | None = None) -> None:
        """Match the vocabulary's terms; ``label_tokens``, each term's labels as tokens
        (see ``label_tokens``), saves tokenizing them again."""
        # Each label is given as its tokens' ids (what LOWER or ORTH holds), which the
        # PhraseMatcher takes as well as a Doc: a Doc for each of the vocabulary's twelve
        # thousand labels was a quarter of a second of every worker's start, most of what
        # a day's update waits for.
        strings = self.nlp.vocab.strings
        self.label_tokens = label_tokens or label_tokens_of(self.nlp.tokenizer, vocabulary)
        for term, labels in zip(vocabulary.terms.values(), self.label_tokens):
            self.types[strings.add(term.iri)] = strings.add(term.type)
            matcher = self.exact_case if term.match_case else self.any_case
            matcher.add(term.iri, [[strings.add(token) for token in label] for label in labels])

    def __call__(self, doc: Doc) -> Doc:
        matches = [match for matcher in (self.any_case, self.exact_case) for match in matcher(doc)]
        # (a Span is made only for the matches kept: most overlap a longer one)
        spans = [Span(doc, start, end, label=self.types[match_id], kb_id=match_id)
                 for match_id, start, end in _longest_first(matches)]
        doc.user_data["kg_urls"] = urls = _web_addresses(_text(doc))
        _put_spans(doc, "vocabulary", _outside(spans, urls) if urls else spans)
        return doc


def _longest_first(matches: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """The (id, start, end) matches ``spacy.util.filter_spans`` keeps of theirs as Spans:
    the longest (then first) of those that overlap, sorted by start."""
    kept, seen = [], set()
    for match in sorted(matches, key=lambda m: (m[2] - m[1], -m[1]), reverse=True):
        if match[1] not in seen and match[2] - 1 not in seen:
            kept.append(match)
            seen.update(range(match[1], match[2]))
    return sorted(kept, key=lambda m: m[1])


def label_tokens_of(tokenizer: MixedTokenizer, vocabulary: Vocabulary) -> list[list[list[str]]]:
    """Each term's labels as the tokens its matcher compares (lower-cased unless the
    term's case must match), in the vocabulary's order."""
    return [[[token if term.match_case else token.lower() for token, _ in tokenizer.tokens(text)]
             for text, _ in term.labels] for term in vocabulary.terms.values()]


def _put_spans(doc: Doc, name: str, spans: list[Span]) -> None:
    """``doc.spans[name] = spans``, and the same Span objects kept for the next components:
    reading a SpanGroup makes new Span objects (microseconds each, for seventy a page)."""
    doc.spans[name] = spans
    doc.user_data[("kg_spans", name)] = spans


def _spans(doc: Doc, name: str) -> list[Span]:
    """The spans a component put as ``doc.spans[name]``."""
    return doc.user_data.get(("kg_spans", name), [])


def _outside(spans: list[Span], urls: list[tuple[int, int]]) -> list[Span]:
    """Spans not inside a web address: ``github.com/Qwen-Character`` names no model."""
    return [s for s in spans if not any(a <= s.start_char < b for a, b in urls)]


def _web_addresses(text: str) -> list[tuple[int, int]]:
    """Where the text has web addresses and e-mail, with or without their scheme."""
    if not any(hint in text for hint in P.URL_HINTS):
        return []
    found = [m.span() for m in P.URL.finditer(text)]
    for end in P.HOST_END.finditer(text):
        host = P.HOST_BEFORE.search(text, max(0, end.start() - 80), end.start())
        if host:
            found.append((host.start(), end.end()))
    if "GitHub" in text:
        found += [m.span("repo") for m in P.GITHUB_REPO.finditer(text)]
    return found


@dataclass
class Candidate:
    start: int  # character offsets in the doc's text
    end: int
    text: str
    type: str | None = None
    type_weight: int = 0
    rule: str = "shape"
    aliases: list[str] = field(default_factory=list)
    proposed: bool = False
    spelled_out: str | None = None  # what the text spells an acronym out as, beside it


_NAME = re.compile(P.NAME_CANDIDATE)
# A star right after a name is part of it (A*, MIT*, A*-Thought), unless it closes emphasis
# (*X*, **X**, *a phrase ending in X*).
_STAR_AFTER = re.compile(r"\*(?:-[A-Za-z0-9]+)*(?![*A-Za-z0-9_])")
_LONE_STAR = re.compile(r"(?<!\*)\*(?!\*)")

_NAME_WITH_NUMBER = re.compile(P.NAME_WITH_NUMBER)
_WORD_CHAR = re.compile(r"[A-Za-z0-9]")
_LIST_JOIN_END = re.compile(r"(?:和|与|及|或)$")
_LISTED_REACH = 40  # characters before a gloss searched for the list it may end
_NAME_CHAR = re.compile(r"[\w-]")
_SPACED_REACH = 40  # the longest name _spaced_terms builds
_SENTENCE_START = re.compile(r"(?:^|[.!?。！？]\s*|\n\s*)$")
_NEXT_WORDS = re.compile(r"[ -]?(?:[A-Za-z]*\d[A-Za-z0-9]*(?:\.\d+)?|(?i:dataset|benchmark)\b)")
_LATEX_POWER = re.compile(r"\$\^\{?(\d)\}?\$")
_LATEX_POWER_NAME = re.compile(r"(?<![A-Za-z0-9$-])[A-Z][A-Za-z0-9-]*\$\^\{?\d\}?\$(?:[A-Za-z0-9-]*[A-Za-z0-9])?")
# Brackets are where names are spelled out, glossed or listed; each rule reads the
# bracket's content and a bounded window before it (anchoring on the rare bracket keeps
# the scan linear).
_BRACKET = re.compile(r"[（(]\s*([^()（）\n]{1,200}?)\s*[)）]")
_NAME_ONLY = re.compile(rf"^{P.NAME}$")
_TITLE_ONLY = re.compile(rf"^{P.TITLE_PHRASE}$")
_GLOSS_INSIDE = re.compile(rf"^(?:{P.TITLE_PHRASE}|{P.NAME})(?:\s*[,，、]\s*(?:{P.TITLE_PHRASE}|{P.NAME}))?$")
_TITLE_BEFORE = re.compile(rf"({P.TITLE_PHRASE})\s*$")
_NAME_BEFORE = re.compile(rf"({P.NAME})\s*$")
_CHINESE_BEFORE = re.compile(rf"([{P.CJK}][{P.CJK}\-]{{1,24}})[”」』\"]?\s*$")  # “长度激励探索”（...）
_WINDOW = 120
# An opening quotation mark before a glossed Chinese term, in its clause: "引入“Token 级情感适配器（...）”".
_QUOTE_OPENED = re.compile(r"[“「『][^”」』，,。；;]*$")
_QUOTE_REACH = 12
_CHINESE_ONLY = re.compile(rf"^[{P.CJK}]{{2,16}}$")
_LATIN_LEAD = re.compile(r"([A-Za-z][A-Za-z0-9-]*)\s?")
_CHINESE_BEFORE_HEAD = re.compile(rf"(?<![A-Za-z0-9-])(?:[A-Z][A-Za-z]+\s?)?[{P.CJK}]*$")
_ADJECTIVE_COMMA = re.compile(r",\s*(?:and\s+)?(?=[A-Z][a-z]+(?:,|\s+and\b|\s+[A-Z]))")
_TITLE_PREFIX = re.compile(r"^\s*([^:：]{1,60}?)\s*[:：]")
# The type words that may follow a name, in one pattern: the first type (in the table's
# order) whose words are there, as the matching group's name.
_CUE_AFTER = re.compile("|".join(f"(?P<{type_}>{pattern.pattern})" for type_, pattern in P.CUES_AFTER))
_NAMED_AFTER_CUE = re.compile(r"\s?\**[A-Z][A-Za-z]*[-A-Z0-9]")
_ABBREVIATED_AFTER_CUE = re.compile(r"\s?[（(]\s*(?:简称|称为|即)\s*[A-Z]")
_CJK_WORD_AT_END = re.compile(rf"[{P.CJK}]+$")
_TYPE_WORD_BEFORE = re.compile("|".join(f"(?P<{type_}>{pattern.pattern})" for type_, pattern in P.TYPE_WORDS_BEFORE))


def _emphasis_closed(text: str, start: int) -> bool:
    """Whether a star after the name starting at ``start`` would close emphasis opened
    before it on its line: the last lone star before the name follows no letter or digit,
    as a name's own star does (A* and MIT*)."""
    line_start = text.rfind("\n", 0, start) + 1
    stars = list(_LONE_STAR.finditer(text, line_start, start))
    if not stars:
        return False
    before = text[stars[-1].start() - 1:stars[-1].start()]
    return not (before.isascii() and before.isalnum())


_PLURAL_ACRONYM = re.compile(r"^([A-Z][A-Za-z]*[A-Z])s$")


def _singular(text: str) -> str:
    """``GAMs`` -> ``GAM``, ``LLMs`` -> ``LLM``: acronyms pluralise with a lower-case s."""
    match = _PLURAL_ACRONYM.match(text)
    return match.group(1) if match else text


@lru_cache(maxsize=65536)
def looks_like_name(text: str) -> bool:
    return not P.NOT_NAMES.match(text) and P.NAME_SHAPE.search(text) is not None


def _strip_adjective(text: str) -> str:
    """``LLM-guided`` -> ``LLM``, ``Qwen2.5-VL-based`` -> ``Qwen2.5-VL``, ``OpenAI's`` ->
    ``OpenAI``: the name inside."""
    if text.endswith(("'s", "’s")):
        return text[:-2]
    match = P.HYPHEN_ADJECTIVE.match(text)
    return match.group("stem") if match else text


def is_acronym_of(acronym: str, phrase: str) -> bool:
    """True when the capitals of ``acronym`` are, in order, initials or capitals of
    ``phrase``'s words (a leading 2D, 3D or 4D standing for itself: 3DVG, 3D visual
    grounding)."""
    dimension = _DIMENSION.match(acronym)
    if dimension and phrase.startswith(dimension.group()):
        acronym, phrase = acronym[dimension.end():], phrase[dimension.end():]
    letters = [c for c in acronym if c.isupper()]
    # each word's initial and its capitals inside (Feature Reweighting ANd Contrastive
    # Learning NetworK, FRANCK)
    initials = [c for w in re.split(r"[\s\-]+", phrase) if w for c in w[0].upper() + "".join(filter(str.isupper, w[1:]))]
    if len(letters) < 2 or not initials or letters[0] != initials[0]:
        return False
    i = 0
    for initial in initials:
        if i < len(letters) and initial == letters[i]:
            i += 1
    return i == len(letters)


_DIMENSION = re.compile(r"[1-4]D")


def split_compound(text: str) -> list[str]:
    """``Qwen3-8B/14B-Base`` -> Qwen3-8B-Base, Qwen3-14B-Base; ``AIME 2024/2025`` -> two."""
    parts = text.split("/")
    if len(parts) == 1:
        return parts
    head = parts[0]
    results = []
    tail_match = re.match(r"^([A-Za-z0-9.]+)(.*)$", parts[-1])
    tail = tail_match.group(2) if tail_match else ""
    for part in parts[1:]:
        core = re.match(r"^([A-Za-z0-9.]+)", part)
        if not core:
            return [p for p in parts if p]
        core = core.group(1)
        # the part replaces the last segment of the head with the same shape (a version
        # with or without its point: Claude 3.7/4)
        segments = re.split(r"([-\s])", head)
        if _shape(segments[-1]) == _shape(core) and len(segments) > 1:
            prefix = "".join(segments[:-1])
            results.append(prefix + part)
        else:
            return [p for p in parts if p]  # not a compound of one name: separate names
    first = head + tail if tail and not head.endswith(tail) else head
    return [first] + results


def _shape(part: str) -> str:
    return re.sub(r"\d+(?:\.\d+)*", "0", re.sub(r"[A-Za-z]+", "a", part))


_PLAIN_WORD = re.compile(r"^[A-Za-z][a-z]+$")
_SIZED = re.compile(r"^(.+?)[-\s]?\d+(?:\.\d+)?[KMB]$")  # a name and a count: AudioSet-2M, Qwen3-8B
_CAPITALS = re.compile(r"^[A-Z]{3,5}$")
_DERIVED = re.compile(r"^(.+?)-[A-Z0-9][A-Za-z0-9]*$")  # a name, a hyphen and a capitalised word or number
_VERSIONED = re.compile(r"^(.+?)\s[vV]?\d(?:\.\d)?$")  # a name and its version: BioCLIP 2, Claude 3.5
_VERSION_AFTER = re.compile(r"[-.]?(?:[vV]?\d|[A-Z]\d)")


def _model_stems(vocabulary: Vocabulary) -> re.Pattern | None:
    """Names that start like a known model family's name (Qwen, DeepSeek, LLaVA) are models.

    Stems come from one-word model labels with a version or size (``Qwen3-8B`` gives
    ``Qwen``); a following lower-case letter, or a capitalised word, means another name
    (``Qwenlike``, ``HiFiNet`` beside HiFi-GAN). A stem that
    is a plain word (Vision, Video, Point from Vision-R1, Video-LLaVA, Point-E) only counts
    in a name with a digit: Vision-Language and Video-to-Music are no models. A stem of
    capitals counts where it is a model's name itself (CLIP) or a version follows it
    (BLIP-2): CAT-Seg and SEA-RAFT make no family of every CAT and SEA.
    """
    named = {text for term in vocabulary.terms.values() if term.type == "Model" for text, _ in term.labels}
    models = [term for term in vocabulary.terms.values() if term.type == "Model" and not term.match_case]
    stems, plain = set(), set()
    for term in models:
        for text, _ in term.labels:
            stem = re.match(r"[A-Za-z]{3,}(?=[-.\d])", text)
            if not stem or " " in text or (_CAPITALS.match(stem.group()) and stem.group() not in named
                                           and not _VERSION_AFTER.match(text, stem.end())):
                continue
            (plain if _PLAIN_WORD.match(stem.group()) else stems).add(re.escape(stem.group()))
    if not stems and not plain:
        return None
    # A stem followed by a letter is written as the family writes it: QwenVL-2.5 is Qwen's,
    # but Qwenlike, and MasTER beside MASt3R, are not of the family; before a digit or a
    # hyphen any case will do (qwen3-8b, LLaVa-NeXT). A digit in a plain word's name may
    # not be a dimension: Gen4D is not Gen-3's.
    def family(found: set[str]) -> str:
        alternatives = "|".join(sorted(found)) or "(?!)"
        return rf"(?:(?i:{alternatives})(?![A-Za-z])|(?:{alternatives})(?![a-z]|[A-Z][a-z]))"
    return re.compile(rf"^(?:{family(stems)}|{family(plain)}(?=.*\d(?![dD]\b)))")


def _classify(text: str) -> str | None:
    for type_, pattern in P.TYPE_BY_SHAPE:
        if pattern.search(text):
            return type_
    return None


@Language.factory("kg_names", default_config={"context": True})
def _make_name_finder(nlp: Language, name: str, context: bool):
    return NameFinder(context)


class NameFinder:
    """Writes ``doc.spans["names"]``: names found by shape and context, typed by rule.

    Each span's label is its type; details (aliases, proposed, rule) are kept in
    ``doc.user_data["kg_candidates"]`` keyed by character offsets.
    """

    def __init__(self, context: bool = True):
        self.vocabulary: Vocabulary | None = None
        self.model_stems: re.Pattern | None = None
        self.context = context  # False: names and types from their shape alone (for ablation)

    def add_vocabulary(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.model_stems = _model_stems(vocabulary)

    def __call__(self, doc: Doc) -> Doc:
        # URLs keep their length so offsets stay true, but offer no names
        text = _text(doc)
        for start, end in doc.user_data.get("kg_urls", ()):
            text = text[:start] + " " * (end - start) + text[end:]
        found: dict[tuple[int, int, str], Candidate] = {}

        def add(c: Candidate):
            key = (c.start, c.end, norm(c.text))
            old = found.get(key)
            if old is None or c.type_weight > old.type_weight:
                if old:
                    c.aliases = old.aliases + c.aliases
                    c.proposed = c.proposed or old.proposed
                    c.spelled_out = c.spelled_out or old.spelled_out
                found[key] = c
            else:
                old.aliases += c.aliases
                old.proposed = old.proposed or c.proposed
                old.spelled_out = old.spelled_out or c.spelled_out
                if old.rule == "shape":
                    old.rule = c.rule  # what the text says of it outranks its shape

        brackets = list(_BRACKET.finditer(text))
        self._names_by_shape(text, brackets, add)
        doc.user_data["kg_engines"] = []
        if self.context:
            # (start, end, type) of the vocabulary's matches
            known = [(s.start_char, s.end_char, s.label_) for s in _spans(doc, "vocabulary")]
            doc.user_data["kg_engines"] = self._names_by_context(text, brackets, doc.user_data.get("kg_roles", []),
                                                                 found, add, known)
        by_span: dict[tuple[int, int], list[Candidate]] = {}
        for (start, end, _), cand in sorted(found.items()):
            by_span.setdefault((start, end), []).append(cand)
        spans = [doc.char_span(start, end, label=cands[0].type or "Method") for (start, end), cands in by_span.items()]
        _put_spans(doc, "names", [span for span in spans if span is not None])
        doc.user_data["kg_glossed"] = self._glossed_ranges(text, brackets)
        # Chinese phrases the tokenizer did not cut out (生成长度 inside a run) have no span
        doc.user_data["kg_unaligned"] = [key for key, span in zip(by_span, spans) if span is None]
        doc.user_data["kg_candidates"] = by_span
        return doc

    def _names_by_shape(self, text: str, brackets: list[re.Match], add) -> None:
        """Names the vocabulary does not know, found by how they are written."""
        for match in _NAME.finditer(text):
            if text[match.start() - 1:match.start()] == "[" and text[match.end():match.end() + 1] == "]":
                continue  # [FG], [CLS]: a special token
            written, end_of_written = match.group(), match.end()
            if (star := _STAR_AFTER.match(text, end_of_written)) and not _emphasis_closed(text, match.start()):
                written, end_of_written = written + star.group(), star.end()  # A*, MIT*, A*-Thought: planners' names
            for name, alias, length in self._names_in(written):
                end = match.start() + length if length else end_of_written
                cand = self._typed(Candidate(match.start(), end, name, aliases=[alias] if alias else []), text)
                if self._is_modifier(name, text, end, cand.type_weight):
                    continue  # KL正则项, True-False Question: part of a longer term
                add(cand)
        for match in _LATEX_POWER_NAME.finditer(text) if "$^" in text else ():
            # GRAM-R$^2$, D$^2$GS: a name with a power written in LaTeX, also known as GRAM-R2
            flat = _LATEX_POWER.sub(r"\1", match.group())
            if looks_like_name(flat) and not self._stop(flat):
                add(self._typed(Candidate(match.start(), match.end(), match.group(), aliases=[flat]), text))
        for match in _NAME_WITH_NUMBER.finditer(text):
            word = match.group().split()[0]
            if not P.NUMBERED_WORDS.match(word) and not self._stop(word) and not self._venue(text, match):
                for piece in split_compound(match.group()):
                    add(self._typed(Candidate(match.start(), match.end(), piece, rule="name-number"), text))
        for bracket in brackets:
            self._spelled_out(bracket, text, add)
            before = _CHINESE_BEFORE.search(text, max(0, bracket.start() - 26), bracket.start())
            if before and _GLOSS_INSIDE.match(bracket.group(1)):
                self._gloss(before.group(1), bracket, text, add, quoted=bool(_QUOTE_OPENED.search(
                    text, max(0, before.start(1) - _QUOTE_REACH), before.start(1))))

    @lru_cache(maxsize=65536)
    def _names_in(self, written: str) -> tuple[tuple[str, str | None, int], ...]:
        """The names a name-shaped string holds (Qwen3-8B/14B holds two; LLM-guided, LLM):
        each with the form written, when it differs, and the length it spans when that is
        shorter than the string (0: all of it). The same strings recur page after page."""
        found = []
        for piece in split_compound(written):
            name = _singular(_strip_adjective(piece))
            if looks_like_name(name) and not self._stop(piece) and not self._stop(name):
                alias = piece if name != piece and not P.HYPHEN_ADJECTIVE.match(piece) else None
                found.append((name, alias, len(name) if name != piece and piece.startswith(name) else 0))
        return tuple(found)

    def _glossed_ranges(self, text: str, brackets: list[re.Match]) -> list[tuple[int, int]]:
        """Chinese names glossed by a new name in brackets, or glossing one: 返回批量归一化（ReBN）,
        ExGRPO（经验分组相对策略优化）. A known term inside one (批量归一化) is only a part."""
        ranges = []
        for bracket in brackets:
            inside = bracket.group(1)
            if _CHINESE_ONLY.match(inside):
                name = _NAME_BEFORE.search(text, max(0, bracket.start() - 40), bracket.start())
                if name and self.vocabulary and not self.vocabulary.lookup(name.group(1)):
                    ranges.append(bracket.span(1))
            elif _NAME_ONLY.match(inside) and self.vocabulary and not self.vocabulary.lookup(inside):
                before = _CHINESE_BEFORE.search(text, max(0, bracket.start() - 26), bracket.start())
                if before:
                    chinese = self._without_lead(before.group(1)).strip("-")
                    ranges.append((before.end(1) - len(chinese), before.end(1)))
        return ranges

    def _names_by_context(self, text: str, brackets: list[re.Match], roles, found: dict, add,
                          known=()) -> list[tuple[int, int]]:
        """Names and types that follow from the words around them; the ranges of text that
        list simulators or engines a system supports."""
        for match in P.WORD_BEFORE_CUE.finditer(text):
            alias = f"{match.group()} {P.CUE_ENGLISH[match.group('cue')]}"
            if not self._stop(match.group()) and not self._stop(alias):  # Foundation模型: a foundation model
                add(self._typed(Candidate(match.start(), match.end(), match.group(), rule="cue", aliases=[alias]), text))
        for match in P.OWN_PHRASE.finditer(text):
            self._own_phrase(match, add)
        for match in P.OWN_PHRASE_NAMED.finditer(text):
            subject = P.SUBJECT_NAME.search(text, max(0, match.start() - 40), match.start())
            if subject and looks_like_name(subject.group("name")) and not self._known(subject.group("name")):
                self._own_phrase(match, add)
        for match in P.PART_PHRASE.finditer(text):
            self._own_phrase(match, add, proposed=False)
        for match in P.OWN_PART_SENTENCE.finditer(text):
            if _SENTENCE_START.search(text, max(0, match.start() - 3), match.start()):
                self._own_phrase(match, add)
        for match in P.METRIC_HEAD.finditer(text):
            self._metric_phrase(match, text, add)
        self._listed_metrics(text, add)
        if "等" in text:
            self._listed_chinese_metrics(text, add)
        for needed, pattern in P.SPEEDUP:
            for match in pattern.finditer(text) if needed in text else ():
                name = P.SPEEDUP_NAMES.get(match.group("m"), match.group("m"))
                add(Candidate(match.start("m"), match.end("m"), name, type="Metric", type_weight=2,
                              rule="metric-phrase"))
        # (found by the second measure and its head, which the engine skips to, then read back)
        for tail in P.COORDINATED_MEASURE_TAIL.finditer(text):
            if tail.start() < 2 or not (match := P.COORDINATED_MEASURE.match(text, tail.start() - 2)):
                continue
            names = [match.group(part) + match.group("head") for part in ("first", "second")]
            if all(_known_type(name, self.vocabulary) == "Metric" for name in names):
                for name in names:  # one span, two names, as a compound's
                    add(Candidate(match.start(), match.end(), name, type="Metric", type_weight=2,
                                  rule="metric-phrase"))
        for match in P.CHINESE_METRIC_HEAD.finditer(text):
            self._chinese_metric(match.start(), match.end(), text, add)
        for pattern in P.CHINESE_METRIC_COMPARED:
            for match in pattern.finditer(text):
                self._chinese_metric(match.start("head"), match.end("head"), text, add)
        for match in P.NAMED_AS_OWN.finditer(text):
            name = match.group("name")
            if " " in name and not self._stop(name):
                add(Candidate(match.start("name"), match.end("name"), name, type="Method",
                              type_weight=1, rule="own-phrase", proposed=True))
        for match in P.OWN_WORD.finditer(text):
            name = match.group("name")
            if not looks_like_name(name) and not self._stop(name) and not self._known(name):
                add(Candidate(match.start("name"), match.end("name"), name,
                              type=P.OWN_WORD_TYPES.get(match.group("head"), "Method"), type_weight=2,
                              rule="own-phrase", proposed=True))
        for match in P.TITLE_DATASET.finditer(text):
            name = match.group(1)
            if not self._stop(name) and not self._known(name) and not self._known(name.rsplit(" ", 1)[0]):
                add(Candidate(match.start(1), match.end(1), name, type="Dataset", type_weight=2, rule="title-dataset"))
        for match in P.BOLD.finditer(text):
            if roles and _role_at(roles, match.start()) in ("method", "innovations", "usage"):
                self._bold(match, text, add)
        for match in P.RESULT_MEASURE_BULLET.finditer(text):
            if roles and _role_at(roles, match.start()) == "results":
                self._chinese_metric(match.start("head"), match.end("head"), text, add)
        for match in P.RESULT_BULLET.finditer(text):
            name = match.group("name")
            if roles and _role_at(roles, match.start()) == "results" and _NAME_ONLY.match(name) \
                    and looks_like_name(name) and not self._stop(name) and not self._known(name):
                add(Candidate(match.start("name"), match.end("name"), name, type="Dataset", type_weight=2,
                              rule="list"))
        engines: list[tuple[int, int]] = []
        self._type_lists(text, brackets, found, engines)
        self._type_trailing_lists(text, known, found, engines)
        self._list_siblings(text, known, found, add)
        self._model_variants(text, known, found, add)
        self._spaced_terms(text, known, add)
        self._type_title_names(text, roles, found)
        self._title_means(text, roles, add)
        self._title_names_again(text, found, add)
        return engines

    def _title_means(self, text: str, roles, add) -> None:
        """What the title says the paper works by (``… via Atomic Fact Augmentation and
        Lookahead Search``) is its own method when the text names it again, in any case
        ("借助原子事实增强 (atomic fact augmentation)"): a title's Title Case alone says
        nothing. Only what it works with may be someone else's ("with Verifiable Rewards")."""
        start = next((s for s, r in roles if r == "title"), None)
        if start is None:
            return
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        for means in P.TITLE_MEANS.finditer(text, start, end):
            at = means.start("means")
            for part in P.TITLE_MEANS_SPLIT.split(means.group("means")):
                phrase_start = text.index(part, at)
                at = phrase_start + len(part)
                words = part.split()
                if not (2 <= len(words) <= 5 and all(w[0].isupper() for w in words)) \
                        or not P.TECHNIQUE_HEAD.search(part) or P.NOT_TECHNIQUE_HEAD.search(part) \
                        or self._known(part) or self._stop(part):
                    continue
                again = list(_found_again(part, text, end))
                if again:
                    proposed = means.group("prep") != "with"
                    for s, e in [(phrase_start, at)] + again:
                        add(Candidate(s, e, part, type="Method", type_weight=2, rule="title", proposed=proposed,
                                      aliases=[text[s:e]] if text[s:e] != part else []))

    def _title_names_again(self, text: str, found: dict, add) -> None:
        """A name of several words that the title gives (``Pangu Pro MoE: ...``) is found
        again where the text uses it, and typed there: "构建了 Pangu Pro MoE，这是一个…稀疏模型"
        says what it is. Discovery by shape finds only names of one word."""
        named = {cand.text for cand in found.values() if cand.rule == "title" and " " in cand.text}
        for name in sorted(named):
            start = text.find(name)
            while start >= 0:
                end = start + len(name)
                if not _NAME_CHAR.match(text, end) and not (start and _NAME_CHAR.match(text, start - 1)) \
                        and (start, end, norm(name)) not in found:
                    add(self._typed(Candidate(start, end, name, rule="title"), text))
                start = text.find(name, end)

    @staticmethod
    def _venue(text: str, match: re.Match) -> bool:
        """Whether a name with a year is where the paper appears: "Accepted to COLM 2025",
        "IAI 2025（International Conference on Industrial Artificial Intelligence）"."""
        return bool(P.VENUE_BEFORE.search(text, max(0, match.start() - 16), match.start())
                    or P.VENUE_AFTER.match(text, match.end()))

    def _is_modifier(self, name: str, text: str, end: int, weight: int) -> bool:
        """Whether an untyped acronym or hyphenated word pair modifies the word after it:
        KL正则项, CT-DT系统, Green-Laffont定理, True-False Question. A pair with a known part
        (MR-GRPO模型) is a name built on that part, and stays. A word before the pair ("使用
        True-False Question") does not type it: what follows it says more."""
        if weight > 1 or (weight == 1 and not _HYPHEN_WORDS.match(name)):
            return False
        if _BARE_ACRONYM.match(name):
            return bool(P.MODIFIER_AFTER.match(text, end))
        if "-to-" in name:
            return True  # text-to-CAD, Video-to-Music: a direction of generation, named only by a gloss
        if _HYPHEN_WORDS.match(name) and not any(self._known(part) for part in name.split("-")):
            return bool(P.MODIFIER_AFTER.match(text, end) or _TITLE_WORD_AFTER.match(text, end))
        return False

    def _known(self, text: str) -> bool:
        return _known_type(text, self.vocabulary) not in (None, "NonEntity")

    def _instance_of(self, name: str, chinese: str) -> bool:
        """Whether ``name`` glossing ``chinese`` names one of its kind rather than the kind:
        稀疏注意力（InfLLM-V2） is a sparse attention, not sparse attention itself. The
        Chinese is a known concept and the name is none of its labels' acronyms."""
        term = self.vocabulary.lookup(chinese) if self.vocabulary else None
        return (term is not None and term.type != "NonEntity" and self.vocabulary.lookup(name) is None
                and not any(is_acronym_of(name, label) for label, lang in term.labels if lang != "zh"))

    def _stop(self, text: str) -> bool:
        return self.vocabulary is not None and self.vocabulary.is_stopword(text)

    @lru_cache(maxsize=65536)
    def _shape_type(self, name: str) -> str | None:
        sized = _SIZED.match(name)
        if sized and _known_type(sized.group(1), self.vocabulary) == "Dataset":
            return "Dataset"  # AudioSet-2M: two million of a data set's clips, not a model's parameters
        versioned = _VERSIONED.match(name)
        if versioned and _known_type(versioned.group(1), self.vocabulary) == "Model":
            return "Model"  # BioCLIP 2: the next version of a known model, not a benchmark like MATH 500
        derived = _DERIVED.match(name)
        term = self.vocabulary.lookup(derived.group(1)) if derived and self.vocabulary else None
        if term and term.type == "Dataset" and any(text == derived.group(1) for text, _ in term.labels):
            # Flickr30k-CN, RoboCasa-Kitchen: a version or a part of a known data set, written
            # as it is (SYNAPSE-G is no Synapse)
            return "Dataset"
        shape_type = _classify(name)
        if shape_type is None and self.model_stems and self.model_stems.search(name):
            shape_type = "Model"
        return shape_type

    def _typed(self, cand: Candidate, text: str, weight_bonus: int = 0) -> Candidate:
        shape_type = self._shape_type(cand.text)
        # 估计器（UDE）技术: the cue follows the gloss; **NormAd-ETI** 基准: bold marks are no words
        after = text[cand.end:cand.end + 14].lstrip(")）*")
        before = text[max(0, cand.start - 10):cand.start].rstrip("*")
        cue = _CUE_AFTER.match(after) if self.context and not _type_word_then_name(text, cand.end) else None
        cue_type = cue.lastgroup if cue else None
        if cue_type == "Model" and _SHORT_ACRONYM.match(cand.text):
            # SCA 模型, 恒定速度（CV）模型: a way of modelling, not a trained model (a coined
            # word such as ELLSA 模型 may well be one)
            cue_type = "Method"
        if cue_type and re.match(r"\s?[\u4e00-\u9fff]", after) and cue_type != shape_type:
            # a Chinese type word right after the name outranks its shape: UniWorld-V1模型
            cand.type, cand.type_weight, cand.rule = cue_type, 4, cand.rule if cand.rule != "shape" else "cue"
        elif shape_type:
            cand.type, cand.type_weight, cand.rule = shape_type, 3, cand.rule if cand.rule != "shape" else "shape-type"
        elif cue_type:
            cand.type, cand.type_weight, cand.rule = cue_type, 2, cand.rule if cand.rule != "shape" else "cue"
        elif self.context and (word := _TYPE_WORD_BEFORE.search(before)):
            # 在真实世界数据集 N3DV 上: the type word names it, as one after it does; but 状态空间模型
            # FSSM is an architecture, a method, however it is called
            kind = "Method" if word.lastgroup == "Model" and self._architecture_before(before) else word.lastgroup
            cand.type, cand.type_weight, cand.rule = kind, 2, cand.rule if cand.rule != "shape" else "cue"
        else:
            before_type = next((t for t, p in P.CUES_BEFORE if p.search(before)), None) if self.context else None
            if before_type == "Dataset" and P.MODIFIER_AFTER.match(text, cand.end):
                before_type = None  # 在 HVDC 系统中: the name only modifies what it is in
            # a word before the name is weak evidence: "在 X 上" of a data set, "基于 X" of a method
            cand.type, cand.type_weight = before_type or "Method", 1 if before_type else 0
        apposition = next((m for p in P.APPOSITION if (m := p.match(text, cand.end))), None) if self.context else None
        if self.context and apposition is None and P.NAMED_CUE.search(text, max(0, cand.start - 8), cand.start):
            apposition = P.NAMED_HEAD_AFTER.match(text, cand.end)
        if self.context and apposition is None and P.INTRODUCED_BEFORE.search(text, max(0, cand.start - 8), cand.start):
            apposition = P.THAT_ONE_AFTER.match(text, cand.end)
        if apposition and cand.type_weight <= 4:
            cand.type, cand.type_weight = P.APPOSITION_TYPES.get(apposition.group("head"), "Method"), 4
        elif self.context and cand.type_weight <= 4 and (extension := P.EXTENSION_OF.match(text, cand.end)):
            base_type = _known_type(extension.group("base") or extension.group("base_en"), self.vocabulary)
            if base_type in ("Model", "Dataset"):
                cand.type, cand.type_weight = base_type, 4
        cand.type_weight += weight_bonus
        return cand

    def _type_lists(self, text: str, brackets: list[re.Match], found: dict, engines: list) -> None:
        """Names in a list right after a type word take its type: 模型（A、B 和 C）. A list
        of simulators or engines is added to ``engines``."""
        # 语义动态模型（SDM）: one acronym in brackets glosses the phrase, it is no list
        lists = [b.span(1) for b in brackets if not _GLOSSED_ACRONYM.match(b.group(1))]
        lists += [m.span(1) for m in P.SUCH_AS.finditer(text)]
        by_start = sorted(((s, e, cand) for (s, e, _), cand in found.items()), key=lambda x: x[:2])
        starts = [s for s, _, _ in by_start]
        for inside in lists:
            before = text[max(0, inside[0] - 18):inside[0]].rstrip("（(如包括例如 ")
            head_type = next((t for t, p in P.LIST_HEADS if p.search(before)), None)
            if head_type == P.ENGINES:
                engines.append(inside)
                continue
            if head_type is None:
                continue
            for s, e, cand in by_start[bisect_left(starts, inside[0]):bisect_left(starts, inside[1])]:
                if e <= inside[1] and cand.type_weight < 3:
                    cand.type, cand.type_weight = head_type, 2

    def _type_trailing_lists(self, text: str, known, found: dict, engines: list) -> None:
        """``INPO、ONPO 和 EGPO 等算法``, ``在 A（X）和 B（Y）两个数据集上``: the names listed
        before 等 or a count take the type word's type; a list of simulators or engines is
        added to ``engines``."""
        tails = [(tail.start(), _LIST_TAIL_TYPES[int(match.lastgroup[1:])]) for tail in re.finditer("等", text)
                 if (match := _LIST_TAIL.match(text, tail.start()))]
        tails += [(tail.start(), tail.lastgroup) for tail in P.COUNTED_TAIL.finditer(text)]
        if not tails:
            return
        ends: dict[int, list] = {}
        for (s, e, _), cand in found.items():
            ends.setdefault(e, []).append((s, cand, None))
        for s, e, type_ in known:  # a known name is a link of the chain, typed already
            ends.setdefault(e, []).append((s, None, type_))
        for position, head_type in tails:
            chain, tail_at = [], position
            while True:
                link = next((e for e in range(position, max(0, position - 20) - 1, -1) if e in ends
                             and P.LIST_SEPARATOR.match(text[e:position])), None)
                if link is None:
                    break
                chain += ends[link]
                position = min(s for s, _, _ in ends[link])
            if head_type == P.ENGINES and chain:
                engines.append((min(s for s, _, _ in chain), tail_at))
                continue
            if head_type == P.LIST_OF_KNOWN:
                head_type = next((t for _, _, t in chain if t in _SIBLING_TYPES), "Method")
            for _, cand, _ in chain:
                if cand is not None and (cand.type_weight < 3 or cand.type == "Task" and head_type == "Dataset"):
                    # 多跳问答（MuSiQue-Ans）等数据集: the data set of a task, glossed by the task
                    cand.type, cand.type_weight = head_type, 2

    def _list_siblings(self, text: str, known, found: dict, add) -> None:
        """``Cora、Citeseer 和 Pubmed``: plain words listed beside a known data set or model
        are of its type, though their shape says nothing."""
        typed = [(s, e, t) for s, e, t in known if t in _SIBLING_TYPES]
        typed += [(s, e, c.type) for (s, e, _), c in found.items() if c.type in _SIBLING_TYPES and c.type_weight >= 2]
        seen = set(typed)
        while typed:  # a sibling's sibling too: "Craft、Procedural、MultiType 等"
            start, end, type_ = typed.pop()
            after = (P.SIBLING_AFTER if type_ == "Metric" else P.SIBLING_AFTER_THEN_CLAUSE).match(text, end)
            # (the pattern is tried at each of forty characters: only where a list joins the name)
            joined = text[max(0, start - 12):start].rstrip("*").rstrip().endswith(_LIST_JOINERS)
            before = P.SIBLING_BEFORE.search(text, max(0, start - 40), start) if joined else None
            matches = [after, before]
            if type_ == "Metric":
                matches += [P.SIBLING_AFTER_ZH.match(text, end), P.SIBLING_BEFORE_ZH.search(text, max(0, start - 12), start)]
            for match in matches:
                if match and self._sibling_name(match.group("w"), type_):
                    add(Candidate(match.start("w"), match.end("w"), match.group("w"), type=type_,
                                  type_weight=2, rule="list"))
                    if (match.start("w"), match.end("w"), type_) not in seen:
                        seen.add((match.start("w"), match.end("w"), type_))
                        typed.append((match.start("w"), match.end("w"), type_))

    def _sibling_name(self, name: str, type_: str) -> bool:
        if _CJK_WORD.fullmatch(name):  # a Chinese measure: it must end in a measure word
            return bool(P.CHINESE_HEADS_METRIC.search(name)) and not P.NOT_CHINESE_METRIC.match(name) \
                and P.CHINESE_LEAD.sub("", name) == name and P.CHINESE_METRIC_LEAD.sub("", name) == name \
                and not self._stop(name) and not self._known(name)
        words = name.replace("-", " ").split()
        if type_ in _SHAPED_SIBLING_TYPES and not (len(words) == 1 and looks_like_name(name)):
            return False  # Title Case words beside a method are mostly a title's: "Joint Sample and Token Pruning"
        return not (self._stop(name) or self._known(name) or P.NUMBERED_WORDS.match(words[0])
                    or any(P.SENTENCE_WORDS.match(w) for w in words) or P.NOT_NAMES.match(name))

    def _model_variants(self, text: str, known, found: dict, add) -> None:
        """Longer names built on a model's: ``Voxtral Mini Transcribe V2`` and, from
        ``Qwen3-VL 系列模型（4B/8B）``, Qwen3-VL-4B and Qwen3-VL-8B."""
        known_models = {(s, e) for s, e, type_ in known if type_ == "Model"}
        found_models = {(s, e) for (s, e, _), cand in found.items() if cand.type == "Model"}
        for start, end in sorted(known_models | found_models):
            family = text[start:end]
            # only a known family: a discovered "Video-to-Music" would swallow "Generation"
            tail = P.MODEL_NAME_TAIL.match(text, end) if (start, end) in known_models else None
            if tail and not self._stop(family + tail.group()):
                add(Candidate(start, tail.end(), family + tail.group(), type="Model", type_weight=3,
                              rule="model-name"))
            sizes = P.MODEL_SIZES.match(text, end)
            if sizes:
                for size in re.finditer(P._SIZE, sizes.group(1)):
                    at = sizes.start(1) + size.start()
                    add(Candidate(at, at + len(size.group()), f"{family}-{size.group()}", type="Model",
                                  type_weight=3, rule="model-name"))

    def _spaced_terms(self, text: str, known, add) -> None:
        """A known name and the number after it that, together, are written as another
        term: ``MipNeRF 360`` is the data set Mip-NeRF 360 (the vocabulary's MipNeRF360),
        not the method MipNeRF. The matcher compares tokens, so a space the vocabulary does
        not write splits a term in two. (Only numbers: "Inference-Time" in a title is no
        measure of inference time.)"""
        for start, end, _ in known:
            alone, more = None, _NEXT_WORDS.match(text, end)
            while more:
                alone = alone or self.vocabulary.lookup(text[start:end])
                term = self.vocabulary.lookup(text[start:more.end()])
                if term is not None and term is not alone and term.type != "NonEntity" \
                        and self.vocabulary.spelled_as(term, text[start:more.end()]):
                    add(Candidate(start, more.end(), text[start:more.end()], type=term.type, type_weight=3,
                                  rule="vocabulary"))
                end = more.end()
                more = _NEXT_WORDS.match(text, end) if end - start < _SPACED_REACH else None

    def _type_title_names(self, text: str, roles, found: dict) -> None:
        """``X: A Benchmark for ...``: the name before the colon is what the title says."""
        for role in ("title", "title_zh"):
            start = next((s for s, r in roles if r == role), None)
            if start is None:
                continue
            line = text[start:text.find("\n", start) if "\n" in text[start:] else len(text)]
            prefix = _TITLE_PREFIX.match(line)
            if not prefix:
                continue
            # commas of an adjective series do not end the clause: "A Comprehensive, Unified,
            # and Evolving Evaluation Platform"
            rest = _ADJECTIVE_COMMA.sub(" ", line[prefix.end():].strip())
            rest = P.TITLE_CLAUSE_END.split(rest, maxsplit=1)[0]
            head_type = next((t for t, p in P.TITLE_HEADS if p.search(rest)), None)
            name = prefix.group(1)
            subtitle = line[prefix.end():].strip()
            if role == "title" and (P.TITLE_NAME.match(name) and " " in name or P.TITLE_WORD_NAME.match(name)) \
                    and not self._stop(name) and not self._known(name) and not P.TITLE_SURVEY.match(subtitle) \
                    and not (" " in name and P.TITLE_TOPIC_SUBTITLE.match(subtitle)):
                key = (start + prefix.start(1), start + prefix.end(1), norm(name))
                found.setdefault(key, Candidate(key[0], key[1], name, type=head_type or "Method",
                                                type_weight=3, rule="title", proposed=True))
            for (s, e, _), cand in found.items():
                # what the title calls it outranks the name's shape (Gaia2: Benchmarking ...)
                if head_type and start <= s and e <= start + prefix.end(1) and cand.type_weight < 4:
                    cand.type, cand.type_weight, cand.rule = head_type, 4, "title"

    def _metric_phrase(self, head: re.Match, text: str, add) -> None:
        """``hallucination rate``, ``Harmfulness Score``: a metric where results are reported."""
        modifier = P.METRIC_MODIFIER_TITLE if head.group()[0].isupper() else P.METRIC_MODIFIER
        before = modifier.search(text, max(0, head.start() - 48), head.start())
        if before is None:
            return
        words = before.group().split()
        # a metric's name holds no function word: "stability and efficiency" is two things
        last_function_word = max((i for i, w in enumerate(words) if P.METRIC_LEADING_WORDS.match(w)), default=-1)
        words = words[last_function_word + 1:]
        if not words:
            return
        head_word = head.group()
        singular = head_word[:-1] if head_word.endswith("s") and not head_word.endswith("ss") else head_word
        phrase = " ".join(words + [singular])
        if P.NOT_METRIC_PHRASE.match(phrase) or self._stop(phrase):
            return
        if not P.RESULT_CUE.search(_sentence_at(text, before.start(), head.end())):
            return
        start = text.rindex(words[0], before.start(), head.start())
        aliases = [" ".join(words + [head_word])] if singular != head_word else []
        add(Candidate(start, head.end(), phrase, type="Metric", type_weight=2, rule="metric-phrase",
                      aliases=aliases))

    def _chinese_metric(self, head_start: int, head_end: int, text: str, add) -> None:
        """``生成长度减少了 15.55%``: a Chinese measure with its value or a comparison; the
        measure word at ``head_start:head_end`` ends its name."""
        run = _CHINESE_BEFORE_HEAD.search(text, max(0, head_start - 8), head_start)
        phrase = P.CHINESE_METRIC_LEAD.sub("", (run.group() if run else "") + text[head_start:head_end])
        subject = _LATIN_LEAD.match(phrase)
        if subject and _known_type(subject.group(1), self.vocabulary) in ("Method", "Model", "Dataset"):
            phrase = phrase[subject.end():]  # DQN收敛速度: DQN's convergence speed, a known method's
        if len(phrase) < 3 or P.NOT_CHINESE_METRIC.match(phrase) or self.vocabulary is None:
            return
        if self.vocabulary.lookup(phrase):
            return  # a known name: the vocabulary has it
        add(Candidate(head_end - len(phrase), head_end, phrase, type="Metric", type_weight=2, rule="metric-phrase"))

    def _listed_metrics(self, text: str, add) -> None:
        """``novel metrics for format adherence and structural correctness``."""
        for match in P.METRICS_LIST.finditer(text):
            for item in re.split(r",\s*(?:and\s+)?|\s+and\s+", match.group(1)):
                item = item.strip()
                if item and not self._stop(item) and not P.METRIC_LEADING_WORDS.match(item.split()[0]):
                    start = text.find(item, match.start(1))
                    add(Candidate(start, start + len(item), item, type="Metric", type_weight=2,
                                  rule="metric-phrase"))

    def _listed_chinese_metrics(self, text: str, add) -> None:
        """``在结构一致性（SC）和区域识别准确率等指标上``: each Chinese measure listed before
        等指标 is a metric, named by its English name when one is given in brackets."""
        for tail in P.CHINESE_METRICS_TAIL.finditer(text):
            before = text[max(0, tail.start() - 20):tail.start()]
            tail_start = tail.start() - (len(before) - len(before.rstrip()))  # (spaces before 等 are the tail's)
            reach = max(0, tail_start - _METRICS_LIST_REACH)
            start = max((m.end() for m in P.CLAUSE_START.finditer(text, reach, tail_start)), default=reach)
            if tail_start - start < 2 or P.METRICS_LIST_GUESS.search(_sentence_at(text, start, tail.end())):
                continue
            items_end, pieces = tail_start, []
            for separator in [*P.METRICS_LIST_SEPARATOR.finditer(text, start, items_end), None]:
                end = separator.start() if separator else items_end
                pieces.append((start, end))
                start = separator and separator.end()
            lead = P.METRICS_LIST_LEAD.match(text, pieces[0][0], pieces[0][1])
            pieces[0] = (lead.end() if lead else pieces[0][0], pieces[0][1])
            for start, end in pieces:
                self._listed_chinese_metric(text, start, end, add)

    def _listed_chinese_metric(self, text: str, start: int, end: int, add) -> None:
        """One item of such a list, ``text[start:end]``."""
        item = P.METRICS_LIST_ITEM.fullmatch(text, start, end)
        if not item or P.NOT_CHINESE_METRIC.match(item.group("zh")) or self._stop(item.group("zh")):
            return
        english, chinese = item.group("en"), item.group("zh")
        if english and _GLOSSED_ACRONYM.match(english):
            return  # 结构一致性（SC）: the acronym's gloss names it
        if english and _ENGLISH_MEASURE.fullmatch(english) and re.search(r"[\u4e00-\u9fff]", chinese):
            add(Candidate(item.start("en"), item.end("en"), english, type="Metric", type_weight=3,
                          rule="metric-phrase", aliases=[chinese]))
        elif not english and _CHINESE_MEASURE.fullmatch(chinese) and "的" not in chinese:
            add(Candidate(item.start("zh"), item.end("zh"), chinese, type="Metric", type_weight=3,
                          rule="metric-phrase"))

    def _spelled_out(self, bracket: re.Match, text: str, add) -> None:
        """``Full Name (ACR)`` and ``ACR (Full Name)``."""
        inside, start = bracket.group(1), bracket.start()
        window = max(0, start - _WINDOW)
        if _NAME_ONLY.match(inside):
            phrase = _TITLE_BEFORE.search(text, window, start)
            if phrase:
                trimmed = _trim_phrase(phrase.group(1), inside)
                if trimmed and is_acronym_of(inside, trimmed) and not self._stop(inside):
                    self._acronym(inside, trimmed, *bracket.span(1), text, add)
        elif _TITLE_ONLY.match(inside):
            name = _NAME_BEFORE.search(text, window, start)
            if name and is_acronym_of(name.group(1), inside) and not self._stop(name.group(1)):
                self._acronym(name.group(1), inside, *name.span(1), text, add)

    def _without_lead(self, chinese: str) -> str:
        """``chinese`` after its last leading word (提出了, 的, 对 ...) unless that word begins
        a known term: 基于匹配记忆库的对比学习 is cut after 的, not inside 对比学习."""
        cut = P.CHINESE_LEAD.match(chinese)
        while cut and self._term_at(chinese, cut.start("lead")):
            cut = P.CHINESE_LEAD.match(chinese, 0, cut.start("lead"))
        return chinese[cut.end():] if cut else chinese

    def _term_at(self, text: str, start: int) -> bool:
        """Whether a vocabulary label begins at ``start``."""
        return self.vocabulary is not None and any(
            self.vocabulary.lookup(text[start:end]) for end in range(start + 2, min(len(text), start + 12) + 1))

    def _architecture_before(self, before: str) -> bool:
        """Whether the Chinese words ending ``before`` end in a known method: 状态空间模型, 扩散模型."""
        run = _CJK_WORD_AT_END.search(before.rstrip())
        return bool(run) and any(_known_type(run.group()[-n:], self.vocabulary) == "Method"
                                 for n in range(3, len(run.group()) + 1))

    def _ends_in_architecture(self, phrase: str) -> bool:
        """Whether ``phrase``'s last words are a known method: "... State Space Model"."""
        words = phrase.split()
        return any(_known_type(" ".join(words[-n:]), self.vocabulary) == "Method" for n in (3, 2) if len(words) > n)

    def _acronym(self, acronym: str, phrase: str, start: int, end: int, text: str, add, listed: bool = False) -> None:
        """An acronym spelled out beside it is a name; the spelled-out head says its type.
        ``listed``: a part in the paper's enumeration of its own (see ``ENUMERATED_BEFORE``)."""
        head_type = next((t for t, p in P.EXPANSION_HEADS if p.search(phrase)), None)
        cand = self._typed(Candidate(start, end, acronym, rule="acronym", aliases=[phrase], spelled_out=phrase), text)
        if "Model" in (head_type, cand.type) and self._ends_in_architecture(phrase):
            # First-order State Space Model (FSSM), 状态空间模型: an architecture, not a trained model
            head_type = cand.type = "Method"
        if head_type == "Task":
            cand.type, cand.type_weight = head_type, _TASK_WEIGHT
        elif head_type and cand.type_weight < 3:
            cand.type, cand.type_weight = head_type, 2
        elif head_type is None and cand.type_weight < 2:
            cand.rule = "acronym-untyped"  # a spelled-out term, not necessarily a technique
            cand.aliases = []
        cand.proposed = listed and cand.rule == "acronym" and cand.type != "Task"
        add(cand)

    def _own_phrase(self, match: re.Match, add, proposed: bool = True) -> None:
        """``we introduce a dual-pathway encoding network``: the paper's own component (or,
        not ``proposed``, a component the text names)."""
        words = match.group("phrase").split()
        while words and P.VAGUE_WORDS.match(words[0]):
            words.pop(0)
        head = match.group("head")
        if not words or (len(words) == 1 and not looks_like_name(words[0]) and "-" not in words[0]):
            return
        if any(P.OWN_PHRASE_BREAKS.match(w) for w in words) or P.ADJECTIVE_END.search(words[-1]):
            return
        if head not in P.NAMING_HEADS and P.TASK_HEAD.search(words[-1]):
            return  # "an anomaly detection method": the task it solves, not its name
        named = any(looks_like_name(w) for w in words)
        if P.HEAD_TYPES.get(head) == "Dataset" and not named:
            return  # "a multimodal image-text dataset": unnamed data
        name = " ".join(words)
        start = match.start("phrase") + match.group("phrase").find(words[0])
        full = f"{name} {head}"
        if head in P.NAMING_HEADS:
            name, aliases = full, [" ".join(words)]
        else:
            aliases = [full]
        if looks_like_name(words[0]) and len(words) == 1:
            return  # a plain name; the name rules have it
        after = P.NAMED_AFTER_HEAD.match(match.string, match.end("head"))
        if after and (looks_like_name(after.group("name")) or " " in after.group("name")) \
                and not is_acronym_of(after.group("name"), name):
            return  # "an embodied agent framework, PhysiAgent": described, and named after
        # "a conditional diffusion model" in lower case is a kind of model, a Method;
        # a trained model has a name
        type_ = P.HEAD_TYPES.get(head, "Method") if named or head != "model" else "Method"
        cand = Candidate(start, start + len(name), name, type=type_,
                         type_weight=2, rule="own-phrase" if proposed else "part-phrase", aliases=aliases,
                         proposed=proposed)
        add(cand)

    def _bold(self, match: re.Match, text: str, add) -> None:
        """A bold English Title Case phrase in the method or innovations section, or the
        acronym a bold Chinese name is given (**脑交互 Transformer（BIT）**)."""
        inner = match.group(1).strip().rstrip("：:")
        acronym = _BOLD_ACRONYM.search(inner)
        if acronym and not self._stop(acronym.group(1)) and not self._known(acronym.group(1)):
            start = match.start(1) + acronym.start(1)
            named = inner[:acronym.start(1)].rstrip("（( ")
            kind = next((t for t, p in P.CHINESE_HEADS if p.search(named)), None)
            if kind not in ("Task", "Metric", "Dataset"):
                add(Candidate(start, start + len(acronym.group(1)), acronym.group(1), type=kind or "Method",
                              type_weight=2, rule="bold", aliases=[named] if named else [], proposed=True))
            return
        english = _BOLD_GLOSS.search(inner)
        phrase = english.group(1) if english else inner
        if not _is_title_phrase(phrase) or len(phrase.split()) > 6 or P.CONCEPT_HEAD.search(phrase):
            return
        start = match.start(1) + match.group(1).find(phrase)
        add(Candidate(start, start + len(phrase), phrase, type="Method", type_weight=2,
                      rule="bold", proposed=True))

    def _gloss(self, chinese: str, bracket: re.Match, text: str, add, quoted: bool = False) -> None:
        """``中文名 (Name)`` or ``中文名（Full Name, ACR）``: the Chinese is another label;
        ``quoted``, the Chinese opens with a quotation mark (a term the text coins)."""
        whole, chinese = chinese, self._without_lead(chinese).strip("-")
        if _LIST_JOIN_END.search(whole[:len(whole) - len(chinese)]) \
                and "、" in text[max(0, bracket.start() - _LISTED_REACH):bracket.start()]:
            chinese = ""  # 易感、感染、检测、威胁、康复和死亡（SIDTHE）: the acronym spells the list
        names = [piece for n in re.split(r"\s*[,，、]\s*", bracket.group(1)) if n.strip()
                 for piece in split_compound(n.strip())]
        head_type = next((t for t, p in P.CHINESE_HEADS if p.search(chinese)), None)
        if head_type is None and P.CHINESE_HEADS_METRIC.search(chinese) and _named_gloss_before(text, bracket.start(1)):
            head_type = "Metric"  # 称为有效秩速度 (ERV): a measure the paper names
        if head_type == "Model" and any(" " in name and self._ends_in_architecture(name) for name in names):
            head_type = "Method"  # 一阶状态空间模型（First-order State Space Model）: an architecture
        if head_type is None and len(names) == 2 and " " in names[0] and " " not in names[1]:
            # 关键组件钓鱼提取器 (Centroid-Based Key Component Phishing Extractor, CAPE): what the
            # English head says it is
            head_type = next((t for t, p in P.EXPANSION_HEADS if p.search(names[0])), None)
        start = bracket.start(1)
        if head_type == "Metric" and len(names) == 1 and _is_title_phrase(names[0]) and not self._stop(names[0]):
            # 情感动态一致性（Emotional Dynamic Consistency）: a measure spelled out in English
            add(Candidate(start, start + len(names[0]), names[0], type="Metric", type_weight=2,
                          rule="metric-phrase", aliases=[chinese] if len(chinese) >= 2 else []))
        elif len(names) == 1 and " " in names[0] and _is_title_phrase(names[0]) and not self._stop(names[0]) \
                and (cue := P.PROPOSED_KNOWN_GLOSS.search(text, max(0, start - 30), start)) \
                and P.CHINESE_LEAD.sub("", cue.group("zh")) == cue.group("zh"):
            # 我们提出了一种统一旋转位置编码 (Unified RoPE) 方法: the paper's own, named in English
            add(Candidate(start, start + len(names[0]), names[0], type=head_type or "Method", type_weight=2,
                          rule="gloss", aliases=[chinese] if len(chinese) >= 2 else [], proposed=True))
        elif quoted and head_type not in ("Task", "Dataset", "Metric") and len(names) == 1 and " " in names[0] \
                and _is_title_phrase(names[0]) and not self._stop(names[0]) and not self._known(names[0]) \
                and not P.CONCEPT_HEAD.search(names[0]):
            # 引入“Token 级情感适配器（Token-Level Affective Adapter）”: a part the paper names,
            # of the kind its English head says (a "Poisoned Context Testbed" is data)
            kind = next((t for t, p in P.EXPANSION_HEADS if p.search(names[0])), "Method")
            if kind != "Task":
                add(Candidate(start, start + len(names[0]), names[0], type=kind, type_weight=2,
                              rule="gloss", aliases=[chinese] if len(chinese) >= 2 else [], proposed=True))
        elif head_type != "Task" and len(names) == 1 and " " in names[0] and _is_title_phrase(names[0]) \
                and len(chinese) >= 2 and not self._stop(names[0]) and not self._known(names[0]) \
                and not P.CONCEPT_HEAD.search(names[0]) \
                and P.PART_HEAD.search(names[0]) and (names[0].count(" ") >= 2 or "-" in names[0]):
            # 门控多模态编码器（Gated Multimodal Encoder）: a part named in English, whoever made it
            add(Candidate(start, start + len(names[0]), names[0], type="Method", type_weight=2,
                          rule="gloss-phrase", aliases=[chinese]))
        elif len(names) == 1 and " " in names[0] and _is_title_phrase(names[0]) and len(chinese) >= 2 \
                and P.ENUMERATED_BEFORE.search(text, max(0, bracket.start() - 40), bracket.start()) \
                and not P.ROLE_WORDS.search(names[0]) and not self._stop(names[0]) and not self._known(names[0]) \
                and not P.CONCEPT_HEAD.search(names[0]):
            # 包含三个关键组件：1) 世界一致视频扩散 (World-Consistent Video Diffusion)：...: the
            # parts the paper lists, each named in English
            kind = next((t for t, p in P.EXPANSION_HEADS if p.search(names[0])), "Method")
            if kind != "Task":
                add(Candidate(start, start + len(names[0]), names[0], type=kind, type_weight=2,
                              rule="gloss-phrase", aliases=[chinese], proposed=True))
        # an item of the paper's list of its parts: "包含四个组件：(1) 样本重加权 (OSSR) 模块"
        listed = P.ENUMERATED_BEFORE.search(text, max(0, bracket.start() - 40), bracket.start()) is not None
        if len(names) == 2 and _is_title_phrase(names[0]) and is_acronym_of(names[1], names[0]):
            # 长度激励探索（Length-Incentivized Exploration, LIE）: spelled out inside the gloss
            offset = text.find(names[1], start + len(names[0]))
            if offset > 0 and not self._stop(names[1]):
                self._acronym(names[1], names[0], offset, offset + len(names[1]), text, add, listed=listed)
        for name in names:
            offset = text.find(name, start)
            if offset < 0:
                offset = start
            # a spelled-out phrase is only an alias here; bold and acronym rules name it
            # 基于强化学习（RL-based）: an adjective, not a name
            is_name = " " not in name and looks_like_name(name) and not P.HYPHEN_ADJECTIVE.match(name)
            if not is_name or self._stop(name):
                continue
            aliases = [n for n in names if n != name]
            if len(chinese) >= 2 and not self._instance_of(name, chinese):
                aliases.append(chinese)
            singular = _singular(name)  # 数字孪生（DTs）is the DT used elsewhere
            if singular != name:
                aliases.append(name)
            cand = Candidate(offset, offset + len(singular), singular, rule="gloss", aliases=aliases)
            cand = self._typed(cand, text)
            if head_type == "Task":
                cand.type, cand.type_weight = head_type, _TASK_WEIGHT
            elif head_type and cand.type_weight < 3:
                cand.type, cand.type_weight = head_type, 2
            elif cand.type_weight < 2:
                # 信噪比（SNR）, 分布内（ID）: a gloss alone does not make a term an entity
                cand.rule = "gloss-untyped"
            # (an item naming a known technique by its own acronym, 材料点法(MPM), is no part of its own)
            own_item = listed and (not self._known(chinese) or self._instance_of(name, chinese))
            if (P.COMPONENT_HEAD.search(chinese) or own_item) and cand.type == "Method" and not self._known(name):
                # 评估引擎（DeepSafe）, "包含四个组件：(1) 样本重加权 (OSSR) 模块": a new name for a
                # part, or for an item of the paper's list of its parts, is the paper's own part
                cand.type_weight, cand.rule, cand.proposed = max(cand.type_weight, 2), "gloss", True
            add(cand)


_TITLE_PHRASE = re.compile(rf"^{P.TITLE_PHRASE}$")
_BOLD_ACRONYM = re.compile(r"[\u4e00-\u9fff][^（()）]*[（(]\s*([A-Z][A-Za-z]?[A-Z0-9]{1,6})\s*[)）]$")  # **中文名（ACR）**
_BOLD_GLOSS = re.compile(rf"[（(]\s*({P.TITLE_PHRASE})\s*(?:[,，]\s*{P.NAME}\s*)?[)）]\s*$")  # **中文名 (English Name)**
# A term spelled out as a task (Visual Place Recognition) stays a task wherever else a type
# word follows it: "VPR 模型" are models for the task.
_TASK_WEIGHT = 5


def _is_title_phrase(text: str) -> bool:
    return bool(_TITLE_PHRASE.match(text))


def _trim_phrase(phrase: str, acronym: str) -> str:
    """Keep the last words of ``phrase`` that the acronym's letters account for."""
    words = phrase.split()
    letters = sum(1 for c in acronym if c.isupper())
    for size in range(min(len(words), letters + 2), 1, -1):
        candidate = " ".join(words[-size:])
        if is_acronym_of(acronym, candidate) and candidate[0].isupper():
            return candidate
    return ""


class Extractor:
    """The extraction stage: ``extract(paper) -> list[Mention]``."""

    def __init__(self, vocabulary: Vocabulary, discovery: str = "all",
                 label_tokens: list[list[list[str]]] | None = None):
        """``discovery``: "all"; "shape" (names by how they are written, no context);
        "none" (the vocabulary alone). The last two exist to measure what each adds.
        ``label_tokens``: the ``label_tokens`` of an extractor of the same vocabulary and
        code, which its matcher then need not work out again."""
        self.vocabulary = vocabulary
        self.discovery = discovery
        self.nlp = spacy_pipeline(vocabulary, discovery, label_tokens)
        self.label_tokens = self.nlp.get_pipe("kg_vocabulary").label_tokens
        self.version = f"{EXTRACTOR_VERSION}-{vocabulary.fingerprint}"

    def extract(self, paper: PaperRecord) -> list[Mention]:
        pieces, offsets, pos = [], [], 0
        for section in paper.sections:
            if section.role in UNSEARCHED_ROLES:
                continue
            offsets.append((pos, section.role))
            pieces.append(section.text)
            pos += len(section.text) + 2
        text = "\n\n".join(pieces)
        doc = self.nlp.make_doc(text)
        doc.user_data["kg_roles"] = offsets  # which section each character is in
        doc.user_data["kg_text"] = text
        for _, component in self.nlp.pipeline:
            doc = component(doc)
        return _mentions(doc, paper, offsets, self.vocabulary, context=self.discovery == "all")


def spacy_pipeline(vocabulary: Vocabulary, discovery: str = "all",
                   label_tokens: list[list[list[str]]] | None = None) -> Language:
    from spacy.attrs import LOWER, NORM
    from spacy.vocab import Vocab

    # Matching needs only ORTH and LOWER; computing the other lexical attributes for
    # every new word was most of the tokenizer's time.
    vocab = Vocab(lex_attr_getters={LOWER: str.lower, NORM: str.lower})
    chinese = {run for term in vocabulary.terms.values() for text, _ in term.labels
               for run in _CJK_WORD.findall(text)}
    # A plain Language with kg's tokenizer: spacy.blank builds a default tokenizer from
    # its config first, a tenth of a second of every worker's start for nothing.
    nlp = Language(vocab, create_tokenizer=lambda nlp: MixedTokenizer(nlp.vocab, Lexicon(chinese)))
    matcher = nlp.add_pipe("kg_vocabulary")
    matcher.add_vocabulary(vocabulary, label_tokens)
    nlp.tokenizer.keep_only({token for labels in matcher.label_tokens for label in labels
                             for token in label if _CJK_RUN.fullmatch(token)})
    if discovery != "none":
        nlp.add_pipe("kg_names", config={"context": discovery == "all"}).add_vocabulary(vocabulary)
    return nlp


def _role_at(offsets: list[tuple[int, str]], char: int) -> str:
    role = offsets[0][1]
    for start, name in offsets:
        if start > char:
            break
        role = name
    return role


def _sentence_at(text: str, start: int, end: int) -> str:
    """The sentence around ``text[start:end]``: from after the last sentence end before
    it to the first one after it."""
    stops, periods = _sentence_ends(text)
    period = _last_below(periods, start - 1)  # ". " wholly before the name
    left = max(_last_below(stops, start), period + 1 if period >= 0 else -1)
    rights = [p for p in (_first_from(stops, end), _first_from(periods, end)) if p is not None]
    right = min(rights) + 1 if rights else len(text)
    return text[left + 1:right].replace("**", "").strip()


def _last_below(positions: list[int], limit: int) -> int:
    i = bisect_left(positions, limit)
    return positions[i - 1] if i else -1


def _first_from(positions: list[int], limit: int) -> int | None:
    i = bisect_left(positions, limit)
    return positions[i] if i < len(positions) else None


@lru_cache(maxsize=4)
def _sentence_ends(text: str) -> tuple[list[int], list[int]]:
    """Where sentences end in ``text``: its stops (。！？；!?; and new lines) and the
    periods followed by a space. Each paper's text is asked about once per mention."""
    return ([m.start() for m in _SENTENCE_STOP.finditer(text)], [m.start() for m in _PERIOD.finditer(text)])


_SENTENCE_STOP = re.compile("[。！？；!?;\n]")
_PERIOD = re.compile(r"\. ")


def _text(doc: Doc) -> str:
    """The doc's text; ``Doc.text`` rebuilds it token by token, which is slow."""
    return doc.user_data.get("kg_text") or doc.text


def _mentions(doc: Doc, paper: PaperRecord, offsets, vocabulary: Vocabulary, context: bool = True) -> list[Mention]:
    text = _text(doc)
    candidates: dict[tuple[int, int], list[Candidate]] = doc.user_data.get("kg_candidates", {})
    glossed = doc.user_data.get("kg_glossed", [])
    engines = doc.user_data.get("kg_engines", [])
    vocab_spans = _spans(doc, "vocabulary")
    if glossed:
        vocab_spans = [s for s in vocab_spans if not _strictly_inside(s, glossed)]
    # The longer of overlapping spans wins: Qwen3-8B-Base over Qwen3-8B, but a vocabulary
    # name over a shorter discovered one.
    chosen = filter_spans(vocab_spans + _spans(doc, "names"))
    vocab_keys = {(s.start_char, s.end_char) for s in vocab_spans}
    parts = _compound_parts(chosen, vocab_spans, vocab_keys, vocabulary)
    part_keys = {(s.start_char, s.end_char) for s in parts}  # used by the compound, never proposed
    chosen = sorted(chosen + parts, key=lambda s: s.start_char)
    counts = Counter(norm(c.text) for cands in candidates.values() for c in cands)
    glossed_only = {norm(c.text) for cands in candidates.values() for c in cands if c.rule == "gloss-untyped"}
    title_end = len(paper.sections[0].text) if paper.sections else 0
    named_by_title = title.span(1) if (title := _TITLE_PREFIX.match(text[:title_end])) else None
    proposed: set[tuple[int, int]] = set()
    if context:
        proposed = _proposed_offsets(text, title_end, candidates, vocab_keys)
        proposed.update(k for k, cands in candidates.items() if any(c.proposed for c in cands))
        proposed.update(_own_variants(text, proposed, candidates))
    merged: dict[str, dict] = {}
    # names introduced where they are only glossed: 提出 "龙之雏形" (BDH) is own wherever
    # else the text gives BDH the evidence the gloss lacks
    proposed_unkept: set[str] = set()
    for key_span, span in _with_unaligned(chosen, doc.user_data.get("kg_unaligned", [])):
        known_iri = span.kb_id_ if span is not None and key_span in vocab_keys else ""
        term = vocabulary.terms[known_iri] if known_iri else None
        # Lower Confidence Bound (LCB) is not LiveCodeBench, LCB as the vocabulary knows it
        defined_here = term is not None and _spelled_out_otherwise(candidates.get(key_span, ()), term, vocabulary)
        if term and not defined_here:
            if term.type == "NonEntity" or _doer_of(text, span) \
                    or term.type == "Model" and _STYLE_AFTER.match(text, span.end_char):
                continue  # (GPT风格的生成器, a GPT-style generator: like the model, not the model)
            names = [(span.text, term.type, 9, "vocabulary", [], term.iri)]
        else:
            # compounds (Qwen3-8B/14B) are several names on one span
            names = [(c.text, c.type, c.type_weight, c.rule, c.aliases, None)
                     for c in candidates.get(key_span, [])]
        for name, type_, weight, rule, aliases, iri in names:
            if iri is None:
                known = None if defined_here else vocabulary.lookup(name)
                if known and not vocabulary.spelled_as(known, name):
                    if key_span not in proposed:
                        continue  # (MIMO, the acronym, is not the model MiMo)
                    known = None  # 我们提出分组混合专家 (MoGE): the paper's own, not the model MoGe
                elif known and known.type == "NonEntity":
                    continue
                if known:
                    type_, weight, iri, rule = known.type, 9, known.iri, "vocabulary"
                elif norm(name) in glossed_only and _BARE_ACRONYM.match(name) and weight < 1 \
                        and key_span != named_by_title and not _named_gloss_before(text, key_span[0]):
                    # ("KRRF: Kinodynamic ...", "称为样本高效模态集成 (SEMI)": the paper's own)
                    if P.PROPOSED_GLOSS.search(text, max(0, key_span[0] - 30), key_span[0]):
                        proposed_unkept.add(norm(name))
                    continue  # 调强放射治疗（IMRT）: a domain's abbreviation, however often used
                elif not _keep(name, rule, weight, counts[norm(name)], key_span in proposed,
                               key_span[0] < title_end):
                    continue
            if type_ == "Dataset" and any(a <= key_span[0] and key_span[1] <= b for a, b in engines):
                continue  # a simulator the system supports, not a benchmark it is evaluated on
            key = norm(name)
            entry = merged.get(key)
            if entry is None:
                entry = merged[key] = {
                    "text": name, "types": Counter(), "strongest": Counter(), "role": _role_at(offsets, key_span[0]),
                    "sentence": _sentence_at(text, *key_span), "proposed": False,
                    "aliases": [], "rule": rule, "entity": iri, "spans": []}
            # a name's default type (weight 0) is no evidence: it must not outvote what the
            # text says of it elsewhere, however often the name recurs
            entry["types"][type_] += weight + 1 if weight else 0.1
            entry["strongest"][type_] = max(entry["strongest"][type_], weight)
            entry["spans"].append((key_span, iri))  # where it is evaluated is asked only of a metric
            entry["proposed"] = entry["proposed"] or (key_span in proposed and key_span not in part_keys)
            entry["aliases"] += [a for a in aliases if a not in entry["aliases"] and norm(a) != key]
    for key in proposed_unkept & merged.keys():
        merged[key]["proposed"] = True
    _share_family_types(merged)
    mentions = []
    for e in merged.values():
        # the strongest evidence decides (an apposition over a shape seen ten times); then how often
        # a paper's own name spelled out as a task (X-Det, "Open-Vocabulary Detection") is
        # still the paper's method; anyone else's is the task
        types = [t for t in e["types"] if t != "Task" or not e["proposed"]] or ["Method"]
        type_ = max(types, key=lambda t: (e["strongest"][t], e["types"][t]))
        if e["types"]["Task"] > _TASK_WEIGHT and not e["proposed"]:
            type_ = "Task"  # spelled out as a task once: "VPR 模型" elsewhere are models for it
        if type_ == "Metric" and not e["proposed"] \
                and not any(_evaluated(text, span, iri, vocabulary) for span, iri in e["spans"]):
            continue  # a measure only counts where the paper evaluates or reports it
        mentions.append(Mention(text=e["text"], type=type_, role=e["role"], sentence=e["sentence"],
                                proposed=e["proposed"], aliases=tuple(e["aliases"]),
                                rule=e["rule"], entity=e["entity"]))
    return mentions


def _share_family_types(merged: dict[str, dict]) -> None:
    """Versions of one name are of one kind: SeedEdit 3.0, which the paper introduces, is
    a model like the SeedEdit 1.6 it is compared with. A version with weaker evidence of
    its type takes the type its family's strongest evidence gives."""
    families: dict[str, list[dict]] = {}
    for key, entry in merged.items():
        version = _VERSION_AT_END.match(entry["text"])
        families.setdefault(norm(version.group(1)) if version else key, []).append(entry)
    for members in families.values():
        if len(members) < 2:
            continue
        weight, type_ = max((w, t) for e in members for t, w in e["strongest"].items() if t in _SIBLING_TYPES)
        for entry in members:
            if weight >= 2 and max(entry["strongest"].values()) < weight:
                entry["strongest"][type_] = weight
                entry["types"][type_] += 0.1


# a name's version at its end: Hunyuan3D 2.5, SeedEdit 3.0, Foo-v2 (not a year: AIME 2024 is its own)
_VERSION_AT_END = re.compile(r"^(.*[A-Za-z].*?)[\s-]?v?(?:\d+\.\d+(?:\.\d+)?|\d)$")
def _found_again(phrase: str, text: str, after: int) -> Iterator[tuple[int, int]]:
    """Where ``text`` (from ``after``) writes ``phrase`` again, in any case, with a space, a
    hyphen or nothing between its words (Multi-round Refinement, multiround refinement)."""
    for match in _spelled_loosely(phrase).finditer(text, after):
        if not _WORD_CHAR.match(text, match.end()) and not _WORD_CHAR.match(text, match.start() - 1):
            yield match.span()


@lru_cache(maxsize=1024)
def _spelled_loosely(phrase: str) -> re.Pattern:
    return re.compile(r"[\s-]?".join(re.escape(word) for word in re.split(r"[\s-]+", phrase)), re.I)


_VALUE_BEFORE = re.compile(r"\d\s*$")
_CLAUSE_STOP = re.compile(r"[，,；;。！？!?\n]|\.(?=\s)")


def _clause_at(text: str, start: int, end: int) -> str:
    """The clause around ``text[start:end]``: between the nearest commas or stops."""
    sentence_start = max(0, start - 200)
    stops = [m.end() for m in _CLAUSE_STOP.finditer(text, sentence_start, start)]
    after = _CLAUSE_STOP.search(text, end, end + 200)
    return text[stops[-1] if stops else sentence_start:after.start() if after else end + 200]


def _evaluated(text: str, span: tuple[int, int], iri: str | None, vocabulary: Vocabulary) -> bool:
    """Whether the sentence reports a result for the measure at ``span``; an efficiency
    measure needs a comparison or its own value ("20.7 FPS"), not just a number nearby."""
    sentence = _sentence_at(text, *span)
    if iri and P.EFFICIENCY_METRIC.match(vocabulary.terms[iri].pref_label):
        # in the measure's own clause: "导致训练成本极高，... 提升推理能力" reports no cost
        clause = _clause_at(text, *span)
        return bool(P.EFFICIENCY_RESULT.search(clause)
                    or _VALUE_BEFORE.search(text, max(0, span[0] - 8), span[0]))
    return bool(P.EVALUATION_CUE.search(sentence))


def _compound_parts(chosen: list[Span], vocab_spans: list[Span], vocab_keys, vocabulary: Vocabulary) -> list[Span]:
    """The known methods a chosen compound of known methods is made of: CNN-Transformer
    names CNN and Transformer too. (Not models: Qwen2.5-VL names no Qwen2.5.)"""
    compounds = [s for s in chosen if (s.start_char, s.end_char) not in vocab_keys and "-" in s.text
                 and all(_known_type(part, vocabulary) == "Method" for part in s.text.split("-"))]
    return [v for v in vocab_spans for c in compounds if c.start_char <= v.start_char and v.end_char <= c.end_char]


def _named_gloss_before(text: str, at: int) -> bool:
    """Whether the name at ``at`` glosses a Chinese name the text calls so (see ``NAMED_GLOSS_BEFORE``)."""
    return P.NAMED_GLOSS_BEFORE.search(text, max(0, at - P.NAMED_GLOSS_REACH), at) is not None


_STYLE_AFTER = re.compile(r"\s?(?:风格|式(?!化)|-?style\b|-like\b)")


def _doer_of(text: str, span: Span) -> bool:
    """Whether a Chinese learning term is the stem of the word for a learner: 少样本学习器
    is a few-shot learner, not few-shot learning (卡尔曼滤波器 is the Kalman filter)."""
    return span.text.endswith("学习") and text[span.end_char:span.end_char + 1] == "器"


def _known_type(text: str, vocabulary: Vocabulary | None) -> str | None:
    """The vocabulary's type for ``text`` (NonEntity included), or None."""
    term = vocabulary.lookup(text) if text and vocabulary else None
    return term.type if term else None


def _strictly_inside(span: Span, ranges: list[tuple[int, int]]) -> bool:
    return any(a <= span.start_char and span.end_char <= b and (a, b) != (span.start_char, span.end_char)
               for a, b in ranges)


def _with_unaligned(chosen: list[Span], unaligned: list[tuple[int, int]]):
    """``(offsets, span)`` of the chosen spans and of the unaligned names (span None); an
    unaligned name replaces the spans inside it and yields to any span it only overlaps."""
    items = [((s.start_char, s.end_char), s) for s in chosen]
    for start, end in sorted(unaligned, key=lambda k: k[0] - k[1]):  # longest first
        inside = [(k, s) for k, s in items if start <= k[0] and k[1] <= end]
        if any(k[0] < end and start < k[1] for k, s in items if (k, s) not in inside):
            continue
        items = [item for item in items if item not in inside] + [((start, end), None)]
    return sorted(items, key=lambda item: item[0])


def _spelled_out_otherwise(candidates: Iterable[Candidate], term: Term, vocabulary: Vocabulary) -> bool:
    """Whether the text spells a known acronym out in English as something other than the
    term it is known as: in words none of which the term's spelled-out names share
    (Agentic Scene Policies is not answer set programming; Chain of Thoughts is CoT)."""
    phrases = [c.spelled_out for c in candidates if c.spelled_out and not _CJK_WORD.search(c.spelled_out)]
    if not phrases:
        return False
    known = [_content_words(text) for text, _ in term.labels if " " in text and _SPELLED_WORD.search(text)]
    if not any(known) or any(vocabulary.lookup(phrase) is term for phrase in phrases):
        return False
    return all(_content_words(phrase).isdisjoint(words) for phrase in phrases for words in known)


def _content_words(phrase: str) -> set[str]:
    """A phrase's words but function words, each by its first four letters (Reason and Act
    is Reasoning and Acting)."""
    return {word[:4] for word in re.split(r"[\s-]+", phrase.lower()) if word not in _FUNCTION_WORDS}


_SPELLED_WORD = re.compile(r"[a-z]{3}")  # (VLN CE is not spelled out)
_FUNCTION_WORDS = {"", "of", "and", "with", "the", "for", "a", "an", "to", "in", "on", "from", "by", "via"}


def _keep(name: str, rule: str, weight: int, count: int, proposed: bool, in_title: bool) -> bool:
    """Whether a name the vocabulary does not know has enough evidence to be an entity."""
    if rule == "acronym-untyped":
        return weight >= 2
    if proposed or rule in ("acronym", "gloss", "bold", "own-phrase", "part-phrase", "metric-phrase", "title", "model-name"):
        return True
    if in_title and count < 2:
        return False  # Title Case makes every title word look like a name
    if _BARE_ACRONYM.match(name):
        # short capitals are often domain abbreviations (EV, PTV); a method's need a use
        return weight >= 1 or count >= 3
    return weight >= 2 or count >= 2


_METRICS_LIST_REACH = 120  # characters before 等指标 read for the measures listed
_BARE_ACRONYM = re.compile(r"^[A-Z]{2,5}$")
_SHORT_ACRONYM = re.compile(r"^[A-Z]{2,3}$")
_ENGLISH_MEASURE = re.compile(r"[A-Za-z][A-Za-z-]*(?: [A-Za-z][A-Za-z-]*){0,4}")
_CHINESE_MEASURE = re.compile(r"[\u4e00-\u9fff]{2,8}")
# LIST_TAILS as one pattern, its alternatives in their order: the first that matches wins
_LIST_TAIL = re.compile("|".join(f"(?P<t{i}>{pattern.pattern})" for i, (_, pattern) in enumerate(P.LIST_TAILS)))
_LIST_TAIL_TYPES = [type_ for type_, _ in P.LIST_TAILS]
_LIST_JOINERS = ("、", ",", "，", "和", "及", "与", "或", "and", "or")  # what ends a LIST_JOIN
_SIBLING_TYPES = ("Dataset", "Model", "Method", "Metric")
_SHAPED_SIBLING_TYPES = ("Method", "Metric")  # need a name's shape
_HYPHEN_WORDS = re.compile(r"^[A-Za-z]+(?:-[A-Za-z]+)+$")
_TITLE_WORD_AFTER = re.compile(r" [A-Z]")

_GLOSSED_ACRONYM = re.compile(r"^[A-Z][A-Za-z]?[A-Z]{1,5}s?$")


def _own_variants(text: str, proposed: set, candidates: dict) -> set[tuple[int, int]]:
    """Checkpoints of the paper's own model are its own too: VAPO -> VAPO-Thinker-7B."""
    own = {text[s:e] for s, e in proposed if " " not in text[s:e]}
    if not own:
        return set()
    # (not a pattern made for the page: a new pattern each page churned the regex cache)
    prefixes = tuple(name + separator for name in own for separator in "-.")
    return {k for k, cands in candidates.items() if any(c.text.startswith(prefixes) for c in cands)}


# What the cue introduces comes before the first comma: "提出了一种框架，用于在 X 上" uses X.
# Commas inside brackets do not count: "提出象限微调 (Quadrant-based Tuning, Q-Tuning)".
_CLAUSE_END = re.compile(r"[（(][^()（）\n]*[)）]|(?P<end>[。；;，,\n])")


_HEAD_REACH = 120  # characters of a clause read for the head noun a propose cue introduces
# A title prefix that is a phrase, not a name: "From LLM-anation to LLM-orchestrator: ...".
_TITLE_PHRASE_PREFIX = re.compile(r"(?:From|Towards?|Beyond|Rethinking|Revisiting|When|Why|How|What|Is|Are|Can|Does|Do|Should)\s")


def _proposed_offsets(text: str, title_end: int, candidates, vocab_keys) -> set[tuple[int, int]]:
    """Offsets of the names the paper introduces."""
    unknown = sorted(k for k, cands in candidates.items() if k not in vocab_keys
                     and not all(c.rule in ("acronym-untyped", "metric-phrase") for c in cands))
    result = set()
    title = _TITLE_PREFIX.match(text[:title_end])
    if title and not _TITLE_PHRASE_PREFIX.match(title.group(1)):
        # a known name can be the paper's own too: MCPMark's paper is "MCPMark: A Benchmark ..."
        result.update(k for k in [*unknown, *vocab_keys] if k[1] <= title.end(1))
    starts = [k[0] for k in unknown]
    for cue in P.PROPOSE_CUE.finditer(text):
        if _BY_OTHERS.search(text, max(0, cue.start() - 3), cue.start()):
            continue  # 最新发布的 Claude 4, 近期提出的 X: another's
        # the first new name after the cue, in the same clause and close to it
        first = bisect_left(starts, cue.end())
        limit = _reach(text, cue.end(), 40)
        if first < len(unknown) and starts[first] < limit:
            # 提出一种结合 A（X）与 B（Y）的架构（Z）: the name of the head noun, after the
            # clause's last 的, is what is proposed; names before it are its parts
            clause_end = next((m.start() for m in _CLAUSE_END.finditer(text, cue.end(), cue.end() + _HEAD_REACH)
                               if m.group("end")), cue.end() + _HEAD_REACH)
            head = text.rfind("的", starts[first], clause_end)
            after = bisect_left(starts, head) if head >= 0 else len(unknown)
            chosen = after if after < len(unknown) and starts[after] < clause_end else first
            if P.NAMED_CUE.search(text, max(0, starts[first] - 8), starts[first]):
                chosen = first  # 名为 iTACO 的由粗到细（Coarse-to-Fine）框架: the name is what it is called
            if chosen + 1 < len(unknown) and unknown[chosen + 1][0] - unknown[chosen][1] <= _TYPE_WORD_REACH \
                    and _type_word_then_name(text, unknown[chosen][1], abbreviated=True):
                chosen += 1  # 发布真实到仿真（Real-to-Sim）数据集 RS-Art: the name after the type word
            result.add(unknown[chosen])
    for start, end in unknown:
        # 名为 X, or 称为样本高效模态集成 (SEMI): what the text calls so
        if P.NAMED_CUE.search(text[max(0, start - 8):start]) or _named_gloss_before(text, start):
            result.add((start, end))
    result.update(k for k in vocab_keys if _defined_after_cue(text, k))
    return result


_BY_OTHERS = re.compile(r"(?:最新|最近|近期|新近|此前|先前|之前|已有)$")


def _reach(text: str, start: int, length: int) -> int:
    """Where ``length`` characters from ``start`` end, not counting brackets (a gloss adds
    no distance: 构建了情感支持角色扮演（Emotionally Supportive Role-Playing, ESRP）数据集 X),
    or the clause's end if that comes first."""
    reach = start + length
    for m in _CLAUSE_END.finditer(text, start, start + _HEAD_REACH):
        if m.start() >= reach:
            break
        if m.group("end"):
            return m.start()
        reach += m.end() - m.start()
    return reach


_TYPE_WORD_REACH = 24  # characters after a name read for a type word and the name after it


def _type_word_then_name(text: str, end: int, abbreviated: bool = False) -> bool:
    """Whether a type word after ``end`` is followed by a name, which is the one it types:
    真实到仿真（Real-to-Sim）数据集 RS-Art; ``abbreviated``, or by the short name it is
    given: 先采样后传输的 EGS 策略 (简称 STT-GS) (where EGS still names a method)."""
    after = text[end:end + _TYPE_WORD_REACH].lstrip(")）*")
    cue = _CUE_AFTER.match(after)
    return bool(cue and (_NAMED_AFTER_CUE.match(after, cue.end())
                         or abbreviated and _ABBREVIATED_AFTER_CUE.match(after, cue.end())))


def _defined_after_cue(text: str, key: tuple[int, int]) -> bool:
    """Whether the known name at ``key`` glosses the Chinese name 提出 introduces, and ends
    the clause: 提出视觉锚定策略优化 (VAPO) ，这种..."""
    if text[max(0, key[0] - 30):key[0]].rstrip()[-1:] not in ("(", "（"):
        return False  # (the gloss's bracket opens right before the name: most names fail here)
    cue = P.PROPOSED_KNOWN_GLOSS.search(text, max(0, key[0] - 30), key[0])
    return bool(cue and P.CHINESE_LEAD.sub("", cue.group("zh")) == cue.group("zh")
                and P.PROPOSED_KNOWN_GLOSS_END.match(text, key[1]))
