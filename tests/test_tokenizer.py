"""The tokenizer: Latin runs, punctuation, and Chinese runs cut at the lexicon's words."""
import re

from spacy.vocab import Vocab

from kg.extract import Lexicon, MixedTokenizer


def tokens(text: str, words=("强化学习", "策略优化", "学习率")) -> list[tuple[str, str]]:
    tokenizer = MixedTokenizer(Vocab(), Lexicon(words))
    return [(token.text, token.whitespace_) for token in tokenizer(text)]


def test_latin_runs_and_punctuation_are_tokens_and_keep_their_spaces():
    assert tokens("Qwen3-8B on AIME 2024.") == [
        ("Qwen3", ""), ("-", ""), ("8B", " "), ("on", " "), ("AIME", " "), ("2024", ""), (".", "")]


def test_a_chinese_run_is_cut_where_lexicon_words_begin_and_end():
    assert tokens("基于强化学习的策略优化方法") == [
        ("基于", ""), ("强化学习", ""), ("的", ""), ("策略优化", ""), ("方法", "")]


def test_the_longest_lexicon_word_wins_and_matches_do_not_overlap():
    assert [t for t, _ in tokens("强化学习率")] == ["强化学习", "率"]


def test_a_space_after_a_cut_stays_with_the_word_before_it():
    assert tokens("用强化学习 GRPO 训练") == [
        ("用", ""), ("强化学习", " "), ("GRPO", " "), ("训练", "")]


def test_runs_of_spaces_and_newlines_are_tokens_of_their_own():
    assert tokens("a  强化学习\n\nb") == [("a", ""), ("  ", ""), ("强化学习", ""), ("\n\n", ""), ("b", "")]


def test_a_control_character_in_the_text_is_a_token_of_its_own():
    text = "AIME\x002024 强化\x00学习 and 策略优化\x00"
    doc = MixedTokenizer(Vocab(), Lexicon(["强化学习", "策略优化"]))(text)
    assert len(doc.text) == len(text)  # offsets into the page's text stay true
    assert [t.text for t in doc][:3] == ["AIME", "\ufffd", "2024"]  # not "AIME 2024"
    assert "策略优化" in [t.text for t in doc] and "强化学习" not in [t.text for t in doc]


def test_without_a_lexicon_chinese_runs_stay_whole():
    doc = MixedTokenizer(Vocab(), None)("基于强化学习，GRPO")
    assert [t.text for t in doc] == ["基于强化学习，", "GRPO"]
    assert re.fullmatch(r"\S+", doc[0].text)


def test_a_word_longer_than_the_rest_of_the_run_is_not_found_in_it():
    assert tokens("用强化学习", words=("强化学习方法", "用")) == [("用", ""), ("强化学习", "")]


def test_a_page_long_text_is_cut_as_its_sentences_are_one_by_one():
    # past a couple of hundred characters the places words may begin are found another way
    lexicon = Lexicon(["强化学习", "强化学习率", "策略", "策略优化", "图", "学习"])
    sentences = ["基于强化学习率的策略优化方法。", "图神经网络与强化学习，", "Qwen3 策略 😀 图\ud800学习。", "强化学习"]
    text = "".join(sentences * 20)
    assert len(text) > 400
    expected, start = [], 0
    for sentence in sentences * 20:
        expected += [start + cut for cut in lexicon.cuts(sentence)]
        start += len(sentence)
    assert lexicon.cuts(text) == sorted(set(expected))
    assert Lexicon(["ab", "强化"]).words == {"强化"}  # the lexicon is of Chinese words


def test_chinese_runs_no_label_has_are_stand_ins_of_their_length_in_the_doc():
    text = "基于强化学习，GRPO 训练方法。"
    plain = MixedTokenizer(Vocab(), Lexicon(["强化学习"]))
    kept = MixedTokenizer(Vocab(), Lexicon(["强化学习"]))
    kept.keep_only({"强化学习", "。"})
    doc = kept(text)
    assert [(t.idx, len(t)) for t in doc] == [(t.idx, len(t)) for t in plain(text)]  # offsets stay true
    assert [t.text for t in doc][1:4] == ["强化学习", "\u9fff", "GRPO"]
    # the page's own words never enter the vocab's store: it does not grow page by page
    assert "基于" not in doc.vocab.strings and "训练方法。" not in doc.vocab.strings
