"""Discovery patterns, as data: how text shows that a string is a name, and of what type.

The extractor reads these tables; nothing here knows any particular paper.
"""
import re
from typing import Iterable

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Full-width punctuation except brackets, which delimit names: ，。、；：！？“”‘’《》…—
CJK_PUNCT = "\u3000-\u3007\u3010-\u301f\uff01\uff0c\uff0e\uff1a\uff1b\uff1f\u201c\u201d\u2018\u2019\u300a\u300b\u2026\u2014"


def starting_with(alternatives: Iterable[str], not_after: str, *more: tuple[Iterable[str], str]) -> str:
    """Alternatives, each starting with a plain character, that may not follow a
    character matching ``not_after`` (and ``more`` such pairs): as a group the regex
    engine skips to.

    Python's regex engine jumps ahead to where a pattern may match only if the pattern
    starts by consuming a character (a class, or alternatives that each start with a
    literal one); a pattern that starts with a lookaround is tried at every character,
    half of its time over a page. So patterns scanned over whole pages consume their
    first character first and look behind it afterwards: "(?<!X.)" right after the
    first character says what "(?<!X)" says before it.
    """
    by_start: dict[tuple[str, str], list[str]] = {}
    for group, before in ((alternatives, not_after), *more):
        for alternative in group:
            by_start.setdefault((alternative[0], before), []).append(alternative[1:])
    return "(?:" + "|".join(f"{re.escape(first)}(?<!{before}.)(?:{'|'.join(rests)})"
                            for (first, before), rests in by_start.items()) + ")"


# A name-like string: letters and digits joined by - . + @ ^ (Qwen3-8B, pass@1, GPT-4o,
# Self-Forcing++, MinerU2.5). Compounds with "/" are split later.
_NAME_REST = r"[A-Za-z0-9]*(?:[-.@^'][A-Za-z0-9]+|\+(?=[A-Za-z0-9]))*(?:\+\+|\+)?(?:/[A-Za-z0-9][A-Za-z0-9]*(?:[-.@^][A-Za-z0-9]+)*)*(?![A-Za-z0-9_])"
NAME = r"(?<![A-Za-z0-9_@^.+-])[A-Za-z0-9]" + _NAME_REST
# The same, but only strings with a capital, digit, @ or ^ somewhere: the only ones that
# can look like a name, so plain words are skipped inside the regex engine. (Its first
# character first, see ``starting_with``: the capital is that one, or one in the run after it.)
NAME_CANDIDATE = (r"[A-Za-z0-9](?<![A-Za-z0-9_@^.+-].)(?:(?<=[A-Z0-9])|(?=[A-Za-z0-9.+@^'/-]*[A-Z0-9@^]))"
                  + _NAME_REST)
# A Title Case phrase: two to seven capitalised words (Group Relative Policy Optimization),
# a later one may start with its digit (Streamlined 4D Gaussian Representation).
TITLE_WORD = r"[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*"
TITLE_PHRASE = rf"{TITLE_WORD}(?:\s+(?:(?:of|for|with|and|in|on|to|via|the|from|by)\s+)?(?:{TITLE_WORD}|\d[A-Z][A-Za-z0-9]*)){{1,6}}"

# What makes a single string look like a proper name rather than a word or a number.
NAME_SHAPE = re.compile(
    r"[A-Z].*[A-Z]"                       # GRPO, LongLive, P-GenRM
    r"|^[a-z]+[A-Z]"                      # dVoting, pFedMe
    r"|[A-Za-z].*\d|\d.*[A-Za-z]"         # Qwen3, GPT2, o3, T3D, GSM8K
    r"|^[A-Z][a-z0-9]+(?:-[A-Z][A-Za-z0-9]*)+"  # Vision-Zero, Self-Forcing
    r"|[@^]")                             # pass@1, pass^4
# Strings with a name's shape that are not names: numbers with units, sizes, versions,
# years, resolutions, hardware, ordinals.
NOT_NAMES = re.compile(
    r"""^(?:\d+(?:\.\d+)*(?:[a-z]{0,4}|[A-Z][a-z]{0,3}|[KMGTP]B|FPS|[GMk]?Hz|G?FLOPs?|[GT]?FLOPS|TOPS|DoF|dB|%)\+?
                                           # 10M, 1.3B, 480ms, 2D, 4K, 3rd, 10B+, 8GB (but 3DGH is a name)
        |[a-z]+\d{4}[a-z]+                     # huang2024sublinear: a citation key
        |v\d+(?:\.\d+)*                        # v1, v2.1
        |\d+[xX]\d+|[xX]\d+(?:\.\d+)?          # 512x512, x2
        |[A-Z]\d{2,4}[A-Za-z]{0,3}             # H100, A100, V100, T4
        |(?:RTX|GTX)\d*|Top-?\d+|top-?\d+|Step-?\d+|Stage-?\d+|Phase-?\d+|[Ll]evel-?\d+
        |[A-Z]\d?|[a-z]{1,2}\d?                # single letters, x1
        |\d+[-–]\d+|\d+(?:\.\d+)?[-–]?(?:shot|step|way|bit|layer|stage|fold|hop|turn|round)s?
        |[Ee]q\d*|[Ff]ig\d*|[Tt]ab\d*|Sec\d*|S\d
        |\d+(?:\.\d+)?[A-Za-z]{0,3}[-–~]\d+(?:\.\d+)?[A-Za-z]{0,3}   # 1.5B-8B, 7B~70B
        |[A-Za-z]\^\d+|[A-Z]\d?[xX]?                # N^2, d^3
        |\d[\d.,]*[A-Za-z]{0,2}[-–][a-z]+          # 7B-parameter, 160B-token, 10-class, 2D-lifting: a size or count
        |\d+[-–](?:[A-Z]|GPUs?|CPUs?|TPUs?|W|kW|MW|V|Hz|DoF|DOF)  # 3-D, 32-GPU, 350-W, 2-DoF
        |[A-Za-z0-9.]+[-–][Ss]tyle                 # GPT-style: like a name, not the name
        |(?=[a-zA-Z]*[a-z])(?=[a-zA-Z]*[A-Z])(?i:and|or|of|for|with|the)
                                               # ANd: a word capitalised to spell out an acronym
        )$""", re.X)

# Names written as a word and a year or version: AIME 2024, Gaokao 2024, Qwen 2.5, Llama 3.
# A model's variant after its version (Gemini 2.5 Pro, Claude 3.7/4 Sonnet): part of its name.
MODEL_VARIANT_WORDS = ("Pro", "Flash", "Lite", "Mini", "Max", "Plus", "Turbo", "Ultra", "Nano", "Instruct", "Chat",
                       "Base", "Thinking", "Sonnet", "Opus", "Haiku")
NAME_WITH_NUMBER = (r"[A-Z](?<![A-Za-z0-9].)[A-Za-z][A-Za-z0-9]{0,19}(?:-[A-Z][A-Za-z]+)?\s(?:20[0-3]\d|\d{1,2}(?:\.\d)?)"
                    r"(?:/(?:20[0-3]\d|\d{1,2}(?:\.\d)?))*(?![A-Za-z0-9%]|\.[A-Za-z0-9])"
                    rf"(?:\s(?:{'|'.join(MODEL_VARIANT_WORDS)})(?![A-Za-z0-9]))?")
# Words that, with a number after them, are not names.
NUMBERED_WORDS = re.compile(r"^(?:Table|Figure|Industry|Society|Web|Challenge|Fig|Section|Sec|Stage|Step|Phase|Level|Round|Chapter|Appendix|Eq|Equation|Part|Task|Version|Day|Top|Layer|Block|Type|Case|Group|Class|Set|Test|Experiment|Exp|Iteration|Epoch|Year|Rank|Tier|Grade|Lemma|Theorem|Algorithm|Example|Question|Problem|Page|Line|Volume|Vol|No|Number|Top|In|On|At|By|Of|For|And|The|With|From|To|Over|About|Than|Since|Until|Around|Approximately|Only|Just|Nearly|Almost|Roughly|Up|All|Both|These|Those|This|That|Each|Every|Some|Many|Few|First|Last|Next|Only|Over|Under|Since|During|After|Before|Across|Between|Among|Using|Via|Per|Than|Like|Unlike|NeurIPS|ICLR|ICML|CVPR|ICCV|ECCV|ACL|EMNLP|NAACL|AAAI|IJCAI|KDD|WWW|SIGGRAPH|COLING|Interspeech|ICASSP|IROS|ICRA|CoRL|RSS|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Windows|iOS|Android|Python|Java|PyTorch|TensorFlow|CUDA|Ubuntu|Unity|ROS|UTC|GMT|COVID|Wi|Fi)$")
# Where a name with a year is a venue: accepted by it, or spelled out as a conference.
VENUE_BEFORE = re.compile(r"(?i:accepted|published|presented|appear(?:s|ing)?)\s+(?:at|to|by|in)\s+(?:the\s+)?\**$|(?:被|已被|收录于|发表于)\s*\**$")
VENUE_AFTER = re.compile(r"\**\s*(?:[（(][^()（）]{0,30}?(?:Conference|Workshop|Symposium|Congress|Journal|Transactions|会议)"
                         r"|(?:\s*(?:会议|大会|研讨会|期刊|主会))?\s*(?:接收|录用|收录)|\s+(?:[Mm]ain\s+)?(?:[Cc]onference|[Ww]orkshop|[Tt]rack)\b)")
# Web addresses and e-mail: their parts are never entity names.
URL = re.compile(r"https?://\S+|www\.\S+|(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# Also written without their scheme: "jingw193.github.io/GRPO-Guard", "github.com/owner/repo"
# (found by the domain's end, then the host before it: a pattern that started with the
# host would be tried at every character of a page), and a repository's owner/name after
# GitHub: "在 GitHub 公开（yuankaishen2001/CoEmoGen）".
HOST_END = re.compile(r"\.(?:(?:com|org|io|net|edu|dev|app)/|github\.io\b)[^\s()（）,，。；;]*")
HOST_BEFORE = re.compile(r"(?<![\w.@/-])[\w-]+(?:\.[\w-]+)*$")
GITHUB_REPO = re.compile(r"GitHub[ \t]*[\u4e00-\u9fff]{0,4}[ \t]*[（(：:]?[ \t]*(?P<repo>[\w.-]+/[\w.-]+(?:/[\w.-]+)*)")
# Text without any of these holds no web address: the pattern need not be run.
URL_HINTS = ("http", "www.", "@", ".com/", ".org/", ".io", ".net/", ".edu/", ".dev/", ".app/", "GitHub")

# Hyphenated adjectives look like names but are not: Budget-Constrained, Token-Level
# (but MM-Embed, Doubao-Seed are names).
HYPHEN_ADJECTIVE = re.compile(r"^(?P<stem>[A-Za-z0-9.]+(?:-[A-Za-z0-9.]+)*)-(?:(?!(?:Embed|embed|Seed|seed|Speed|speed|Feed|feed|Bed|Med|Red)$)[A-Za-z]+ed|Level|level|Based|based|Aware|aware|Free|free|Driven|driven|Guided|guided|Time|time|Scale|scale|Wise|wise|Like|like|Specific|specific|Agnostic|agnostic|Efficient|efficient|Step|step|Term|term|Range|range|Context|context|Grained|grained|Order|order|Oriented|oriented|Centric|centric|Intensive|intensive|Friendly|friendly|Ready|ready|Only|only|Exploitation|exploitation|World|world|Source|source|Domain|domain|Modal|modal|Task|task|Agent|agent|Turn|turn|Shot|shot)$")

# Morphology of a name decides its type before context does (first match wins).
TYPE_BY_SHAPE = [
    ("Metric", re.compile(r"@(?:\d+|k|K|N|n)$|\^(?:\d+|k)$|^(?:pass|Pass|Recall|Hit|NDCG|Acc|Precision|mAP|AP|R|P)@"
                          r"|^m?A[PR]\d{2,3}$")),  # AP25, AR100: precision or recall at a threshold
    ("Dataset", re.compile(r"(?i)(?:bench(?:mark)?|arena|gym|suite|eval|world)(?:[-\s]?v?\d+(?:\.\d+)?)?$|[-_](?:data|dataset|corpus)$|^(?:[A-Z][A-Za-z]*-)?[A-Za-z]*QA\d*$|\d+K$|[-\s]20[0-3]\d$|^[A-Z][A-Za-z]+[-\s]?(?:2[0-9])$")),
    ("Model", re.compile(r"(?i)(?:^|[-_\s])\d+(?:\.\d+)?[bm](?:$|[-_\s])|-(?:instruct|base|chat|it|coder|thinker|preview|distill|mini|turbo|flash|pro|max|vl|omni|math)(?:[-\s]|$)")),
]

# Words right after (or before) a name that say what it is. Chinese cues apply to the
# text right after the name; English ones to the next word or the word before. At most one
# space between: keywords are listed with wider gaps ("GIS   模型评估").
CUES_AFTER = [
    ("Dataset", re.compile(r"^\s?(?:数据集|基准测试|基准|测试集|评测集|评测基准|测试平台|评测平台|testbed\b|benchmarks?\b|datasets?\b|suite\b|corpus\b|环境中|test set)")),
    ("Model", re.compile(r"^\s?(?:模型|大模型|系列模型|checkpoints?\b|models?\b|LLMs?\b|VLMs?\b)")),
    ("Metric", re.compile(r"^\s?(?:指标|度量|分数|得分|评分|metrics?\b|scores?\b)")),
    ("Method", re.compile(r"^\s?(?:方法|方案|框架|算法|机制|策略|模块|架构|范式|技术|损失|网络|methods?\b|frameworks?\b|algorithms?\b|architectures?\b|approach\b|module\b|mechanism\b|loss\b|strategy\b|paradigm\b)")),
]
# "X, a novel framework that ...", "X，一个将...的框架": what the apposition calls the name
# outranks its shape (CAD-Coder is a framework, though -Coder names models).
APPOSITION = [
    re.compile(r"\**\s*(?:[(（][^()（）]{1,60}[)）]\s*)?,\s+(?:a|an|the)\s+(?:(?!(?:for|that|which|to|of|with|in|on|by)\b)[\w.+-]+\s+){0,5}?"
               r"(?P<head>framework|method|approach|algorithm|technique|paradigm|architecture|model|LLM|VLM|MLLM|benchmark|dataset|suite|corpus|environment|testbed|metric)s?(?![\w-])"),
    # the last type word of the clause is its head: "一个提升模型推理的框架" is a framework
    re.compile(r"\**\s*(?:[(（][^()（）]{1,60}[)）]\s*)?(?:[，,（(]|——|—)\s*(?:这是)?(?:一个|一种|一套)[^。；;，,\n]{0,30}"
               r"(?P<head>框架|方法|算法|范式|架构|模型|基准|数据集|测试平台|评测平台|环境|指标|仿真平台|(?:(?<=机器人)|(?<=驾驶))(?:模拟器|仿真器))"
               # (at the clause's end, or with 系列 after it: "一个增强大型多模态模型（LMM）像素级
               # 理解的尝试" is no model)
               r"(?=(?:系列|家族)?\s*(?:[(（][^()（）]{0,40}[)）])?\s*[”\"*]*\s*(?:[，,。；;：:！!)）\n]|$))"),
]
# "我们提出 Proprio-MLLM，该模型将…": what the next clause calls a name just introduced
# (only then: in "在 RoboFactory 基准上评估了 GauDP，该基准…" it is the benchmark)
INTRODUCED_BEFORE = re.compile(r"(?:提出|推出|构建|引入|发布|开发|设计|介绍)了?\s*\**\s*$")
THAT_ONE_AFTER = re.compile(r"\**\s*(?:[(（][^()（）]{1,60}[)）]\s*)?[，,]\s*(?:该|此|这一?)(?P<head>模型|框架|方法|算法|基准|数据集)"
                            r"(?=[将通过能在可采用利用基于由包含是])")
# "SeqVLA，它是 π0 的完成感知扩展", "X, an extension of Y": of the kind of what it extends.
EXTENSION_OF = re.compile(r"\**\s*(?:[，,]\s*(?:它|其)?是|\s*是)\s*(?P<base>[^\s，,。；;的]{2,30})\s*的[^，,。；;]{0,12}?"
                          r"(?:扩展|变体|版本|改进版|升级版|延伸)"
                          r"|\**\s*,\s+an?\s+(?:[\w-]+\s+){0,3}?(?:extension|variant|version)\s+of\s+(?P<base_en>[^\s,.;]{2,30})")
# "得到名为 X 的 LLM": a name called so, then what it is.
NAMED_HEAD_AFTER = re.compile(r"\**\s*的\s*(?P<head>LLM|VLM|MLLM|大模型|模型|数据集|基准|框架|方法|算法|指标)(?![\u4e00-\u9fffA-Za-z])")
APPOSITION_TYPES = {"model": "Model", "LLM": "Model", "VLM": "Model", "MLLM": "Model", "模型": "Model", "大模型": "Model",
                    "benchmark": "Dataset", "dataset": "Dataset", "suite": "Dataset", "corpus": "Dataset",
                    "基准": "Dataset", "数据集": "Dataset", "测试平台": "Dataset", "评测平台": "Dataset",
                    "模拟器": "Dataset", "仿真器": "Dataset", "仿真平台": "Dataset", "testbed": "Dataset", "environment": "Dataset", "环境": "Dataset", "metric": "Metric", "指标": "Metric"}
CUES_BEFORE = [  # first match wins: "based on X" is a use, not "on X"
    ("Method", re.compile(r"(?:基于|使用|采用|利用|结合|引入|通过|如|例如|包括|based on|using|with|via|such as|including|e\.g\.,?)\s*$"
                          r"|(?:组件|模块|算法|技术|机制)\s*$")),  # 核心组件 GRAE
    ("Dataset", re.compile(r"(?:在|(?<![基用对由关属])于|\bon|\bOn)\s*$")),  # (用于 X: for X, a use)
]
# A Chinese type word right before a name says what it is, as one right after it does:
# "在真实世界数据集 N3DV 上", "基座模型 Qwen2.5", "提出了…辅助框架 MICA (Multimodal …)".
TYPE_WORDS_BEFORE = [
    ("Dataset", re.compile(r"(?:数据集|基准测试|基准|测试集|评测集)\s?$")),
    ("Model", re.compile(r"模型\s?$")),  # (but see _architecture_before: 状态空间模型 FSSM)
    ("Method", re.compile(r"(?:框架|方法|算法)\s?$")),
]

# A Chinese noun right after an acronym makes the acronym its modifier: KL正则项, KV 重缓存,
# CUR矩阵分解. Particles and punctuation do not: "提出 INTENT 的", "GRPO 和 PPO".
MODIFIER_AFTER = re.compile(r"\s?(?![的是和与及等在为将把被来以并或从对中上下里后时、，。：；（(“”\u201c])[\u4e00-\u9fff]")

# The last word of a spelled-out name says what kind of thing it is:
# Group Relative Policy Optimization (GRPO) is a method, Word Error Rate (WER) a metric.
EXPANSION_HEADS = [
    # Visual Place Recognition (VPR), Medical Image Segmentation (MIS): a task, not scored
    ("Task", TASK_HEAD := re.compile(r"(?i)\b(?:recognition|segmentation|detection|classification|tracking|localization"
                                     r"|captioning|answering|summarization|translation|forecasting|holography|twins?|grounding)$")),
    ("Metric", re.compile(r"(?i)\b(?:score|rate|error|accuracy|distance|ratio|index|similarity|precision|recall|divergence|coefficient|metric|measure|gain|success|likelihood|perplexity|reward)$")),
    ("Dataset", re.compile(r"(?i)\b(?:benchmark|dataset|bench|corpus|suite|arena|challenge|collection|testbed|leaderboard)$")),
    ("Model", re.compile(r"(?i)\b(?:model|llm|vlm|mllm)$")),
    ("Method", re.compile(r"(?i)\b(?:optimi[sz]ation|learning|estimation|attention|networks?|net|policy|search|sampling|distillation|regulari[sz]ation|tuning|training|alignment|decoding|encoding|encoder|decoder|algorithm|framework|method|fusion|augmentation|generation|planning|control|controller|prompting|reasoning|quantization|pruning|compression|retrieval|embeddings?|mechanism|module|loss|transform|descent|adaptation|tokenizer|architecture|approach|strategy|scheme|splatting|fields?|cache|caching|feedback|verification|editing|matching|forcing|diffusion|propagation|aggregation|selection|pooling|normali[sz]ation|merging|routing|scaling|masking|guidance|steering|unlearning|watermarking|attack|defen[cs]e|agents?|pipeline|solver|optimizer|planner|coordinator|scheduler|estimator|generator|selector|extractor|predictor|allocator|orchestrator|verifier|retriever|ranker|reranker|critic|discriminator|classifier|transformer|autoencoder|machine|regression|clustering|filter|tree|forest|programming|modeling|modelling|representation|layer|block|head|adapter|gating|voting|ensemble|refinement|correction|calibration|injection|rollout|exploration|imitation|cloning|replay|curriculum|consistency|contrastive|self-play|game)$")),
]

_OWN_ARTICLE = (r"(?:(?:a|an|the|two|three|our)\s+)?(?:(?:novel|new|simple|general|unified|lightweight|efficient|effective|"
                r"scalable|principled|dedicated|specialized|specialised|carefully designed)[,\s]+)*")
_OWN_HEADS = (r"method|network|module|framework|mechanism|strategy|loss|algorithm|approach|benchmark|dataset|metric|technique|"
              r"paradigm|pipeline|architecture|scheme|model|objective|representation|predictor|"
              r"function|map|controller|encoder|decoder|planner|filter|graph|regularizer")
# "we introduce a dual-pathway encoding network": a paper's own component written in
# lower case, ending in a word that says it is a method.
OWN_PHRASE = re.compile(
    starting_with(("We", "we", "This (?:paper|work|study)", "this (?:paper|work|study)"), r"\w") + r"\s+(?:first\s+|further\s+|also\s+|then\s+)?"
    r"(?:propose|introduce|present|develop|design|devise|build|construct|contribute)s?\s+"
    + _OWN_ARTICLE + r"(?P<phrase>(?:[A-Za-z][\w+]*(?:-[\w+]+)*\s+){0,4}?[A-Za-z][\w+]*(?:-[\w+]+)*)\s+"
    r"(?P<head>" + _OWN_HEADS + r")s?\b")
# The same said of the paper's own named system: "TRIDENT introduces a novel local alignment
# objective". The verb is found first; the name before it is checked by the extractor.
OWN_PHRASE_NAMED = re.compile(
    starting_with(("introduces", "proposes", "presents", "develops", "designs", "devises"), r"\w")
    + r"\s+" + _OWN_ARTICLE + r"(?P<phrase>(?:[A-Za-z][\w+]*(?:-[\w+]+)*\s+){0,4}?[A-Za-z][\w+]*(?:-[\w+]+)*)\s+"
    r"(?P<head>" + _OWN_HEADS + r")s?\b")
# the name before OWN_PHRASE_NAMED's verb
SUBJECT_NAME = re.compile(r"(?:^|[.;:。；：]\s*|\s)(?P<name>[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)\s+(?:(?:further|also|then|additionally)\s+)?$")
# "我们提出了 Obliviate，一种轻量的遗忘方法", "We propose Obliviate, an efficient unlearning
# method": a plain word the paper gives its own, typed by what it is said to be.
OWN_WORD = re.compile(
    starting_with(("提出", "推出", "引入", "开发", "设计", "构建"), "所",
                  (("propose", "introduce", "present", "develop"), "[A-Za-z]")) + r"(?:了|s)?\s*"
    r"(?P<name>[A-Z][a-z]{2,}[A-Za-z]*)\s*[，,]\s*(?:(?:这是)?(?:一种|一个|一款|一套)|an?\s)"
    r"[^，,。；;.\n]{0,40}?(?P<head>方法|框架|模型|算法|基准|数据集|系统|指标|架构|"
    r"method|framework|model|algorithm|benchmark|dataset|system|metric|architecture|approach)")
# "on ShapeNet, the Surface Reconstruction Benchmark, and ...": a data set named in Title
# Case, its head capitalised as part of the name.
TITLE_DATASET = re.compile(
    starting_with(("the", "on", "in", ","), r"[A-Za-z]") + r"\s((?:[A-Z][A-Za-z0-9-]*\s){1,4}"
    r"(?:Benchmark|Dataset|Corpus|Suite|Leaderboard|Arena|Testbed))\b(?!\s[A-Z])")
# "an embodied agent framework, PhysiAgent,": the name after the head is what the paper
# proposes; the words before it describe it.
NAMED_AFTER_HEAD = re.compile(rf"s?\s*,\s*(?:(?:named|called|termed|dubbed)\s+)?(?P<name>{TITLE_PHRASE}|{NAME})")
# "incorporating an opacity perturbation mechanism": a component named anywhere by an
# article, a lower-case phrase and a head that says it is a part of a method.
# "A hierarchical memory mechanism further integrates …": a sentence about one of the
# system's parts, which starts with it; the paper's own.
OWN_PART_SENTENCE = re.compile(
    starting_with(("A", "An"), r"\w") + r"\s+(?:novel\s+|new\s+)?"
    r"(?P<phrase>(?:[a-z][a-z0-9]*(?:-[a-z0-9]+)*\s+){0,3}?[a-z][a-z0-9]*(?:-[a-z0-9]+)*)\s+"
    r"(?P<head>mechanism|module|loss|scheme|controller|network|predictor|encoder|decoder|planner)"
    r"\s+(?:(?:further|then|also|additionally|subsequently)\s+)?(?!is\b|was\b|has\b)[a-z]{3,}s\b")
PART_PHRASE = re.compile(
    starting_with(("an?", "our"), r"\w") + r"\s+(?:novel\s+|new\s+)?"
    r"(?P<phrase>(?:[a-z][a-z0-9]*(?:-[a-z0-9]+)*\s+){0,3}?[a-z][a-z0-9]*(?:-[a-z0-9]+)*)\s+"
    r"(?P<head>mechanism|module|loss|scheme|strategy)s?\b")
# An enumerated item's Chinese name, right before its English gloss in brackets: "1) 世界一致
# 视频扩散 (...)", "(ii) 走廊协调器 (...)", "（1）长程世界探索（...）".
ENUMERATED_BEFORE = re.compile(r"(?:(?<![\w.])\(?[1-9][)）]|（[1-9]）|[①②③④⑤⑥⑦⑧⑨]|[(（](?:i{1,3}|iv|vi{0,3}|ix)[)）])\s*"
                               r"[\u4e00-\u9fff][\u4e00-\u9fffA-Za-z0-9 -]{1,22}\s*$")
# Words of a role, not a name: "AI as a Persuader".
ROLE_WORDS = re.compile(r"\b(?:as|a|an|the)\b")
# The last word of an English phrase glossing a Chinese term, that makes it a named part
# of a method: 门控多模态编码器（Gated Multimodal Encoder）, 多轮迭代精炼（Multi-round Refinement）. Heads
# such as reasoning, optimization or retrieval also name tasks and fields. A head after one
# plain word is a kind of part (Gating Mechanism, Text Encoder), not one part's name.
PART_HEAD = re.compile(r"(?i)\b(?:encoder|decoder|block|head|module|mechanism|loss|layer|adapter|fusion|gating|refinement|pruning|sampling|scaling|regression|weighting|scoring)$")
# Heads that are part of a component's name (dual-pathway encoding network); the others
# only say what it is (histogram-based state encoding method).
NAMING_HEADS = {"network", "module", "mechanism", "loss", "algorithm", "benchmark", "dataset", "metric", "model",
                "function", "map", "controller", "encoder", "decoder", "planner", "filter", "graph", "regularizer"}
HEAD_TYPES = {"benchmark": "Dataset", "dataset": "Dataset", "metric": "Metric", "model": "Model"}
# the kinds OWN_WORD's heads say a name is
OWN_WORD_TYPES = {"基准": "Dataset", "数据集": "Dataset", "模型": "Model", "指标": "Metric", **HEAD_TYPES}
# Words that make a phrase a description, not a name.
VAGUE_WORDS = re.compile(r"(?i)^(?:a|an|the|this|that|our|its|their|new|novel|simple|two|three|multi|several|various|different|general|unified|effective|efficient|comprehensive|systematic|theoretical|practical|large|small|lightweight|robust|hybrid|modular|flexible|generic|two-stage|three-stage|multi-stage|end-to-end|plug-and-play|training-free|based|driven"
                         r"|first|multiple|single|publicly|available|open|open-source|proposed|existing|standard|traditional|conventional|optimal|holistic"
                         r"|explicit|implicit|iterative|so-called|cost-effective|exact|[a-z]+ly)$")
# Words that make an own phrase a clause, not a name: "the concept of a reduced model",
# "an architecture leveraging state-space models".
OWN_PHRASE_BREAKS = re.compile(r"(?i)^(?:of|a|an|the|for|with|to|in|on|by|and|or|that|which|leveraging|using|combining|integrating|exploiting|based)$")
# The last word of an own phrase that is an adjective leaves the thing unnamed:
# "an unsupervised differentiable framework", "a simulation-based framework".
ADJECTIVE_END = re.compile(r"(?i)(?:able|ible|ous|ful|less"
                           r"|-(?:based|driven|aware|guided|informed|oriented|centric|agnostic|specific|enabled|powered"
                           r"|assisted|conditioned|constrained))$")

# Last words of a phrase that names a finding, property or phenomenon, not a technique:
# "Architectural Bounds", "Scalable Linear-Time Complexity", "Shallow Exploration Trap".
CONCEPT_HEAD = re.compile(r"(?i)\b(?:complexity|correlation|bounds?|illusions?|gap|phenomenon|problem|trap|paradox|bottleneck|dilemma|analysis|insights?|findings?|limitations?|property|properties|theorem|hypothesis|law|effects?|curse|collapse|hacking|trade-?off|symmetry|bias|failures?|challenges?|guarantees?|convergence|generalization|robustness|interpretability|scalability|taxonom(?:y|ies)|lens|perspectives?|viewpoints?|surveys?|(?:stationary|fixed|saddle|critical) points?)$")
# A bold phrase in the method or innovations section names one of the paper's parts.
BOLD = re.compile(r"\*\*([^*\n]{3,90}?)\*\*")
# A results bullet headed by a bold name reports on that benchmark: "*   **SVO-Probes**：将...从 77.6% 提升至 82.4%".
RESULT_BULLET = re.compile(r"(?m)^[ \t]*[*\-][ \t]+\*\*(?P<name>[^*\n]{2,40}?)\*\*[ \t]*[：:]")

# "X: A Benchmark for ..." / "X：一个...的基准": the title's head noun types the name before
# its colon. Only with an article (or Chinese 一个/一种), since "X: Few-Step Diffusion
# Language Models via ..." describes a method for models, not a model.
TITLE_HEADS = [
    ("Model", re.compile(r"(?i)^(?:an?\s+)?(?:technical|tech)\s+report\b")),
    # (not "An Environment-Aware ... Framework": a hyphen makes the word a modifier)
    ("Dataset", re.compile(r"(?i)^(?:a|an|the)\b.*\b(?:benchmark|dataset|suite|corpus|testbed|leaderboard|arena|gym|environment|ecosystem|simulator)s?\b(?!-)")),
    ("Dataset", re.compile(r"(?i)\b(?:benchmark|dataset|corpus|testbed|ecosystem)$")),
    # "X: Benchmarking LLM Agents on ...", "X: An Evaluation Platform for ..."
    ("Dataset", re.compile(r"^Benchmarking\b|(?i:\b(?:evaluation|benchmarking|testing)\s+(?:platform|framework|suite|environment)s?\b)")),
    ("Model", re.compile(r"(?i)\b(?:model|llm|vlm|mllm|tokenizer)$")),  # singular: the thing itself
    ("Model", re.compile(r"(?i)^(?:a|an|the)\b[^,]*?\b(?:model|llm|vlm|mllm|tokenizer|foundation model)s?(?:\s+(?:for|with|that|to|on|of|in)\b|$)")),
    ("Metric", re.compile(r"(?i)^(?:a|an|the)\b.*\b(?:metric|score|measure)s?\b")),
    ("Dataset", re.compile(r"^(?:一个|一种)?.*(?:基准|数据集|测试集|评测集)(?:测试)?$")),
    ("Model", re.compile(r"^(?:一个|一种).*(?:模型)$")),  # "通过强化学习激励真实的大语言模型" is what X acts on
]
# One capitalised word before the title's colon is the paper's own name too (Sysformer:
# Safeguarding ...), unless it says what kind of paper it is.
TITLE_WORD_NAME = re.compile(r"^(?!(?:Position|Survey|Review|Tutorial|Overview|Perspective|Introduction|Note|Erratum|Correction|Commentary|Editorial|Abstract|Preface|Report|Thesis|Keynote|Rethinking|Revisiting|Towards?|Beyond|Benchmarking|Evaluating|Understanding|Exploring|Investigating|Unlocking|Bridging|Scaling|Learning|Reasoning|Vision|Language|Multimodal|Robotics|Robot|Agents?|Memory|Attention|Diffusion|Transformers?)$)[A-Z][a-z]{3,}[a-z0-9]*$")
# "X: A Survey of ...": X is the field surveyed, not the paper's own method.
TITLE_SURVEY = re.compile(r"(?i)^(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?(?:survey|review|overview|tutorial|primer|position paper|perspective)s?\b")
# A subtitle that asks a question or lists the topics of a field makes the phrase before the
# colon a topic, not a name: "XR Reality Check: What Commercial Devices Deliver ...",
# "Agentic AI Frameworks: Architectures, Protocols, and Design Challenges".
TITLE_TOPIC_SUBTITLE = re.compile(r"^(?:(?:How|What|When|Why|Where|Which|Who|Whose|Is|Are|Can|Could|Do|Does|Should|Will|Would)\b"
                                  r"|.*\b(?:Challenges|Opportunities|Perspectives|Lessons|Insights|Trends|Open Problems)\b)")
# A title's means: "… via Atomic Fact Augmentation and Lookahead Search", "with Regulated
# Clipping". Each Title Case phrase of the list (group "means", split at "and" and commas)
# whose last word heads a technique is the paper's, when the text uses it again.
TITLE_MEANS = re.compile(r"\b(?P<prep>via|through|using|with|by)\s+(?P<means>.+?)"
                         r"(?=\s+(?:for|to|in|on|towards?|from|under|at|via|through|using|with|by)\b|[:：,?]|$)")
TITLE_MEANS_SPLIT = re.compile(r"\s+(?:and|&)\s+|,\s*")
TECHNIQUE_HEAD = re.compile(r"(?:tion|sion|ing|ment|ance|ence|ure)s?$|(?:^|\s)(?:Attention|Convolution|Search|Memory|Diffusion|Swap"
                            r"|Primitives?|Rewards?|Actor-Critic|Model|Network|Transformer|Loss|Policy|Decoding|Sampling"
                            r"|Tuning|Scaling|Force|Distillation|Curriculum|Planner|Encoder|Decoder|Estimator|Operator"
                            r"|Prior|Regularizer|Objective)s?$")
# Heads with a technique's ending that name a task, an activity or what is learnt from:
# "via Spatial Reasoning", "through Human Evaluation", "by Collision Avoidance".
NOT_TECHNIQUE_HEAD = re.compile(r"(?:^(?:Human|Knowledge)\s|\s(?:Reasoning|Evaluation|Avoidance|Corrections?|Demonstrations?|Instructions?"
                                r"|Interactions?|Understanding|Generation|Coordination|Collaboration|Approximation|Navigation"
                                r"|Manipulation|Detection|Segmentation|Recognition|Prediction|Planning|Knowledge"
                                r"|Preferences?|Feedback|Supervision|Pressure|Intelligence|Perception|Experience)$)")
TITLE_CLAUSE_END = re.compile(r"\s+(?:for|via|with|by|through|using|leveraging|exploiting|harnessing|utili[sz]ing|towards?|from|in|on|(?i:based\s+on))\s+|[:：,，]")

# Result phrases: "X Score", "hallucination rate" (a metric when the sentence reports one);
# a capitalised head takes a Title Case name.
METRIC_HEAD = re.compile(starting_with((
    "Score", "Rate", "Accuracy", "Error", "Ratio", "Similarity", "Distance",
    "rate", "accuracy", "error", "ratio", "time", "length", "speed", "similarity", "distance", "smoothness",
    "plausibility", "coherence", "correlation", "index", "score"), "[A-Za-z0-9-]") + "s?(?![A-Za-z0-9-])")
# (Not "efficiency", "fidelity" or "reward": computational efficiency, visual fidelity and
# format reward describe or train, they rarely name what a paper reports.)
# The one or two words before a metric head, read backwards from it.
METRIC_MODIFIER_TITLE = re.compile(r"(?<![A-Za-z0-9-])(?:[A-Z][A-Za-z0-9-]*\s)?[A-Z][A-Za-z0-9-]*\s$")
METRIC_MODIFIER = re.compile(r"(?<![A-Za-z0-9-])(?:[a-z][A-Za-z0-9-]+\s){1,2}$")
RESULT_CUE = re.compile(r"\d|提升|提高|降低|减少|优于|超过|达到|improv|reduc|outperform|achiev|increas|decreas|higher|lower|better|gain|boost")
# A capitalised word right before a Chinese type word is a name: Harmon模型, Dream 模型.
# A capitalised word before it belongs to the name: Humanoid Everyday数据集, Chatbot Arena-Personalized 数据集;
# bold marks may close the name (在 **Dycheck** 数据集上).
# (The first capital first, see ``starting_with``: "(?:[A-Za-z0-9]+ [A-Z])?" is the optional word's rest and
# the next word's capital.)
WORD_BEFORE_CUE = re.compile(r"[A-Z](?<![A-Za-z0-9-].)(?:[A-Za-z0-9]+ [A-Z])?[a-z]{2,}(?:-[A-Z][a-z]+)?(?=\**\s?(?P<cue>模型|数据集|基准|框架|算法|方法))")
# The English a plain word and its type word make: Lagrangian方法 is the Lagrangian method.
CUE_ENGLISH = {"模型": "model", "数据集": "dataset", "基准": "benchmark", "框架": "framework", "算法": "algorithm", "方法": "method"}
# A short Title Case phrase before the title's colon is the paper's own name: Stroke of Surprise.
TITLE_NAME = re.compile(r"^(?![A-Za-z]+ing\b)(?!.*\b(?:to|is|are|via|with|for|from|in|as|on|and|than|against|under|without|versus|vs|meets)\b)(?!(?:More|Less|Under|Against|Without|The|A|An|On|Towards?|Beyond|Why|How|When|What|Is|Are|Do|Does|Can|Make|Let|Teach|Keep|Stop|Mind|Give|Take|Bring|Learning|Rethinking|Revisiting|Understanding|Scaling|Improving|Enhancing|Exploring|Investigating|Evaluating|Benchmarking|Unlocking|Bridging|Making)\b)[A-Z][A-Za-z0-9-]*(?:\s+(?:of|for|and|the|in|to|as|on|with)?\s*[A-Z][A-Za-z0-9-]*){1,3}$")

# A sentence that evaluates or reports: where a measure is a metric, not a setting.
EVALUATION_CUE = re.compile(r"\d|%|倍|数量级|相比|相较|相当|持平|媲美|匹敌|comparable|on par|提升|提高|降低|减少|下降|上升|下滑|高于|低于|更高|更低|还高|很高|较高|最高|最低|报告|drop|declin|优于|超过|达到|超越|显著|评估|评测|衡量|指标|测量|对比|比较|improv|reduc|outperform|achiev|increas|decreas|higher|lower|better|evaluat|measur|metric|compar|surpass|gain|speed|faster|state-of-the-art|SOTA")
# Efficiency measures count only where a result is reported for them: "延迟降低 40%" or
# "3.5 倍加速", not "参数量 (10M 至 1B)" or "在 2400ms 延迟下", which describe a setting.
EFFICIENCY_METRIC = re.compile(r"(?i)^(?:latency|throughput|speedup|FPS|memory usage|GPU hours|inference steps|inference time|training time|training cost|FLOPs|TTFT|tokens per second|number of parameters|energy consumption|compression ratio)$")
EFFICIENCY_RESULT = re.compile(r"(?:压缩|降|减|缩减|缩短)(?:到|至)|\bcut|降低|减少|缩短|节省|提升|提高|加速|更快|更低|更少|更小|最快|最低|最少|最小(?!化)|[快慢]了?\s*\d|仅为|仅需|仅用|只需|倍|实现了?\s*\d|优于|超过|[×x]\s*\d|\d\s*[×x]|faster|slower|reduc|speed-?up|lower|fewer|less|saving|outperform|improv")
# Words that cannot start a metric's name; dropped from the front of a phrase.
METRIC_LEADING_WORDS = re.compile(r"(?i)^(?:the|a|an|its|their|our|this|that|these|those|which|and|or|of|in|at|to|for|with|by|on|as|from|than|over|under|per|both|all|each|any|more|less|much|many|higher|lower|better|worse|faster|slower|high|low|good|poor|overall|total|average|significant|significantly|improved|reduced|increased|decreased|strong|superior|competitive|comparable|similar|same|real|also|only|further|measurable|notable|consistent|substantial|[a-z]+ing|[a-z]+(?:es|ed)|is|are|was|were|be|been|has|have|had"
    # verbs and words of comparison: "enhance accuracy", "lowers failure rate", "trade-off among accuracy"
    r"|improve|enhance|boost|raise|lower|lowers|maintain|maintains|preserve|compromise|sacrifice|retain|retains"
    r"|keep|keeps|yield|yields|minimal|maximal|minimum|maximum|optimal|excellent|remarkable|impressive"
    r"|between|among|balance|trade-?off|tradeoffs?|without|while|whose|via|into|onto|toward|towards"
    # "maximize cross-modal similarity", "extraordinary accuracy", "within practical time"
    r"|maximi[sz]es?|minimi[sz]es?|maximi[sz]ing|minimi[sz]ing|increase|increases|decrease|decreases"
    r"|reduce|reduces|achieve|achieves|achieving|attain|attains|highest|lowest|best|greater|extraordinary"
    r"|exceptional|outstanding|unprecedented|practical|reasonable|acceptable|within|beyond|near|nearly)$")
# Phrases with a metric's head that name a setting or a parameter, not a measure.
NOT_METRIC_PHRASE = re.compile(r"(?i)^(?:learning|sampling|frame|data|bit|dropout|mask|masking|compression|growth|birth|heart|refresh|update|decay|mutation|interest|exchange|tax|step|time|real|long|short|wall|linear|constant|polynomial|exponential|quadratic|computation|response|travel|waiting|arrival)\s(?:rate|time|ratio|length|speed)$")
# A Chinese measure whose value the text reports: 生成长度减少了 15.55%, 上传通信量从 28.6GB
# 降低至 9.8GB. The phrase is the Chinese run before a measure word, cut after its last
# function word or verb; the value must follow in the same clause.
_ZH_MEASURE = (r"(?:率|精度|误差|速度|效率|延迟|时延|耗时|长度|步数|一致性|连贯性|合理性|平滑性|正确性|遵循性|保真度|相似度"
               r"|得分|分数|评分|计算量|通信量|数据量|占用|次数|排名|奖励|回报|距离|系数|时间|成本|能耗|消耗|工作量)")
# A results bullet headed by a bold Chinese measure reports it: "*   **重建耗时**：单个视频的重建可在 10 分钟内完成".
# (Not 效率 or 得分: "导航效率" and "综合得分" head bullets of overall results.)
RESULT_MEASURE_BULLET = re.compile(r"(?m)^[ \t]*[*\-][ \t]+\*\*[\u4e00-\u9fff]{1,8}?"
                                   r"(?P<head>(?<!效)率|精度|误差|耗时|时间|延迟|时延|速度|长度|步数|计算量|通信量|占用|成本|能耗)"
                                   r"\*\*[ \t]*[：:](?=[^\n]*\d)")
# Two measures sharing their head word: 训练和推理速度 is training speed and inference speed.
_MEASURE_HEADS = r"(?P<head>速度|时间|耗时|延迟|时延|成本|开销|精度|准确率|误差|效率|内存|显存)"
COORDINATED_MEASURE = re.compile(r"(?P<first>[\u4e00-\u9fff]{2})(?:和|与|及|、)(?P<second>[\u4e00-\u9fff]{2})" + _MEASURE_HEADS)
COORDINATED_MEASURE_TAIL = re.compile(r"(?:和|与|及|、)[\u4e00-\u9fff]{2}" + _MEASURE_HEADS)  # where to look for one
CHINESE_METRIC_HEAD = re.compile(
    _ZH_MEASURE +
    r"(?=\s*(?:\*\*)?\s*(?:[\u4e00-\u9fff]{0,4}?)(?:提升|提高|降低|减少|缩短|下降|增加|增长|改善|达到|超过|优于|降至|高达|仅为|为|在|从|快|慢)"
    r"[了至到]?\s*(?:约|近|超过|高达|仅)?\s*\*{0,2}[\d.]+"
    # 收敛速度比基线方法快30%: compared with another's, by a value
    r"|\s*(?:分别)?\s*比[^，。；;\n]{1,20}?(?:快|慢|高|低|少|多|短|长|小|大)了?\s*(?:约|近)?[\d.]+)")
# A Chinese measure of time or speed the text says was improved or compared, without a
# value: 加快了收敛速度, 更快的收敛速度, 在收敛速度上优于. (Not 效率 or 精度: 学习效率 and 模型精度
# said to improve are claims, not measures.) Group "head" is the measure word.
_ZH_TIME_MEASURE = r"(?:速度|延迟|时延|耗时|时间|步数|步骤|能耗)"
CHINESE_METRIC_COMPARED = [
    re.compile(r"(?:加快|加速|提高|提升|降低|减少|缩短|改善|更快|更高|更低|更短|更少|更小)了?的?[\u4e00-\u9fff]{0,6}?"
               rf"(?P<head>{_ZH_TIME_MEASURE})(?=[^\u4e00-\u9fff]|[和与及上并且而])"),
    re.compile(rf"在[\u4e00-\u9fff]{{0,8}}?(?P<head>{_ZH_TIME_MEASURE})(?:和[\u4e00-\u9fff]{{1,6}})?上"
               r"(?:比|优于|超过|超越|更|均|都|显著|大幅|提升|提高|降低)"),
    # its change given first: 节省了约 75% 的训练算力成本, 降低了 40% 的端到端延迟
    re.compile(r"(?:节省|降低|减少|缩短|提升|提高|增加|加快|下降|上升)了?\s*(?:约|近|高达|超过)?\s*\**\d+(?:\.\d+)?\s*(?:%|倍)\**"
               rf"\s*的\s*[\u4e00-\u9fff]{{0,8}}?(?P<head>{_ZH_MEASURE})(?![\u4e00-\u9fff])"),
    # the best of a comparison: 实现了最高的阶段完成率
    # (not 效率, 分辨率, 频率: 更高的样本效率 is a claim, 更高的分辨率 a setting)
    re.compile(r"(?:最高|最低|更高|更低|最佳|最优)的\s*[\u4e00-\u9fff]{0,6}?(?P<head>(?<![效辨频概])率)(?![\u4e00-\u9fff])"),
]
# Words that begin with a one-character function word of CHINESE_METRIC_LEAD (等, 更,
# 能...): the cut must not split them (等待时间, not 待时间).
_LEAD_KEPT = ("等待", "更新", "能源", "能量", "能耗", "能力", "对齐", "对话", "可靠", "可用", "可行",
              "并发", "并行", "会话", "中断", "比特", "为期", "均方", "在线", "使用", "从众")


def _lead_char(char: str) -> str:
    seconds = "".join(word[1] for word in _LEAD_KEPT if word[0] == char)
    return f"{char}(?![{seconds}])" if seconds else char


# What comes before a Chinese measure's name and is cut from it: words of change and
# comparison, function words, and where it was measured (在测试集上准确率 is 准确率).
CHINESE_METRIC_LEAD = re.compile(
    r"^.*(?:提升|提高|降低|减少|缩短|实现|达到|获得|保持|显著|大幅|相比|相较|通过|利用|具有|带来|取得|同时|方面|以及|导致|使得|随着|从而|进而|因此|如果|显示|表明"
    r"|平均|总体|整体|绝对|相对|最终|最高|最佳|集上|基准上|任务上|"
    + "|".join(_lead_char(c) for c in "的了在中将和与及并其使对从为是比较更最等均也都且或而仅需可让当若会能") + ")")
# Measure words too generic to name a measure alone or with these words: 学习率 is a setting.
NOT_CHINESE_METRIC = re.compile(r"^(?:[\u4e00-\u9fff]?率|效率|速度|延迟|时延|耗时|时间|步骤|成本|能耗|消耗|工作量|[\u4e00-\u9fff]?步数|长度|得分|分数|评分|占用|次数|排名|奖励|回报|距离|系数|误差|精度"
                                r"|学习率|采样率|频率|概率|比率|速率|丢弃率|掩码率|压缩率|计算效率|训练效率|推理效率|运行效率)$")
# A speedup reported by its factor: "13.7 倍的注意力计算加速", "一个数量级的加速", "2.2× speedup".
# Group "m" is the measure's name.
_FACTOR = r"(?:\d(?:\.\d+)?\s*(?:倍|×|x)|数量级)"
# Each with the word it needs: a page without that word is not scanned.
SPEEDUP = [
    ("加速", re.compile(r"(?=[0-9数])" + _FACTOR + r"\**\s*(?:的)?[\u4e00-\u9fffA-Za-z\s-]{0,10}?(?P<m>加速比|加速)(?!度)")),
    ("加速", re.compile(r"(?P<m>加速比|加速)\s*(?:达到|为|高达|约|了)?\s*" + _FACTOR)),
    ("speed", re.compile(r"(?=[0-9])\d(?:\.\d+)?\s*(?:×|x)\s+(?:[\w-]+\s+){0,2}?(?P<m>speed-?ups?)\b")),
    ("speed", re.compile(r"\b(?P<m>speed-?ups?)\s+of\s+(?:up to\s+)?\d(?:\.\d+)?\s*(?:×|x)")),
]
# With its factor, a bare 加速 is the speedup ratio: named so, it is the vocabulary's speedup.
SPEEDUP_NAMES = {"加速": "加速比"}
# "metrics for format adherence and structural correctness": measures named in a list.
METRICS_LIST = re.compile(starting_with(("new (?:metrics?|measures?)", "novel (?:metrics?|measures?)", "metrics?", "measures?"),
                                        r"\w") + r"\s+(?:for|such as|including|like|of|:)\s+((?:[a-z][a-z-]+\s?){1,3}(?:,\s*(?:and\s+)?(?:[a-z][a-z-]+\s?){1,3})*(?:,?\s*and\s+(?:[a-z][a-z-]+\s?){1,3}))")
# Measures listed before 等指标: "在结构一致性（SC）、区域识别准确率和 F1 等指标上"; each
# item is a Chinese measure, with its English name or acronym in brackets or not.
# (found by its tail, then read back to the clause's start: a lazy pattern for the items,
# tried at every character, was a quarter of extraction)
CHINESE_METRICS_TAIL = re.compile(r"等[\u4e00-\u9fff]{0,4}?指标")
CLAUSE_START = re.compile(r"[。；;，,：:\n]")
# a sentence that guesses ("可能使用了信息增益等指标", the arxiv-daily pages' notes) or weighs
# needs ("需平衡延迟和能效等多种性能指标") names no metric used
METRICS_LIST_GUESS = re.compile(r"可能|例如|比如|如何|或许|也许|平衡|兼顾|权衡")
METRICS_LIST_ITEM = re.compile(r"\s*(?P<zh>[^()（）]{2,20}?)\s*(?:[（(]\s*(?P<en>[^()（）]{1,40}?)\s*[)）])?\s*")
METRICS_LIST_SEPARATOR = re.compile(r"、|以及|及|和|与|或者|或")
# what comes before the first measure: who measured, and how ("使用", "根据", "最小化")
METRICS_LIST_LEAD = re.compile(r".*(?:在|使用|采用|利用|通过|包括|包含|计算|引入|提出|设计|构建|考虑|关注|根据|依据|选择|基于|记录|测量|衡量|评估|监控|报告"
                               r"|最小化|最大化|优化|降低|提高|提升|例如|比如|诸如|以|用|从|了|如)")
# Type words right before a bracketed list of names: VPR模型（CosPlace、EigenPlaces和SALAD）.
# Simulators and engines listed as what a system supports are no benchmark used
# (GUIDELINES: only "where the text uses them as the benchmark environment"):
# "支持主流仿真引擎，包括 MuJoCo、Isaac Sim 和 ManiSkill".
ENGINES = "engines"
LIST_HEADS = [
    (ENGINES, re.compile(r"(?:仿真引擎|物理引擎|仿真器|模拟器|simulators?|(?:physics|simulation) engines?)\s*[，,]?"
                         r"\s*(?:如|包括|例如|including|such as|e\.g\.,?)?\s*$")),
    ("Model", re.compile(r"(?:模型|models?|LLMs?|backbones?|基座|骨干网络)\s*(?:如|包括|例如|including|such as|e\.g\.,?)?\s*$")),
    ("Dataset", re.compile(r"(?:数据集|基准测试|基准|benchmarks?|datasets?)\s*(?:如|包括|例如|including|such as|e\.g\.,?)?\s*$")),
    ("Metric", re.compile(r"(?:指标|metrics?)\s*(?:如|包括|例如|including|such as|e\.g\.,?)?\s*$")),
    ("Method", re.compile(r"(?:方法|算法|基线|技术|策略|评估器|methods?|algorithms?|baselines?|techniques?)\s*(?:如|包括|例如|including|such as|e\.g\.,?)?\s*$")),
]
# Type words after 等 that end a list: "INPO、ONPO 和 EGPO 等算法" (a few words may come
# between: "XGBoost、NODE 等最先进的黑盒模型").
LIST_TAILS = [
    (ENGINES, re.compile(r"等\s*[\u4e00-\u9fff]{0,8}?(?:仿真引擎|物理引擎|仿真器|模拟器)")),
    ("Model", re.compile(r"等\s*[\u4e00-\u9fff]{0,8}?(?:模型|基座|骨干网络)")),
    ("Dataset", re.compile(r"等\s*[\u4e00-\u9fff]{0,8}?(?:数据集|基准|测试集|评测集|benchmarks?)")),
    ("Metric", re.compile(r"等\s*[\u4e00-\u9fff]{0,8}?(?:指标|度量)")),
    # baselines are of the type of the known names among them: "MoE++、OpenELM 等基线" are models
    (LIST_OF_KNOWN := "as known", re.compile(r"等\s*(?:SOTA|SoTA)?\s*[\u4e00-\u9fff]{0,8}?基线(?!方法|算法|技术|框架|策略)")),
    ("Method", re.compile(r"等\s*(?:SOTA|SoTA)?\s*[\u4e00-\u9fff]{0,8}?(?:方法|算法|基线|技术|框架|策略|优化器)")),
]
# A list's count and type after it: "在数学推理（GSM8K）和空间推理（SpaRP）两个数据集上".
COUNTED_TAIL = re.compile(r"(?:[一二两三四五六七八九十]|\d+)\s*(?:个|项|种)\s*[\u4e00-\u9fff]{0,6}?"
                          r"(?:(?P<Dataset>数据集|基准)|(?P<Model>模型)|(?P<Metric>指标))")
# What may stand between two names of a list.
# (a short gloss may follow a name: "SketchDreamer (矢量方法) 等")
LIST_SEPARATOR = re.compile(r"^[)）]?\s*(?:[（(][^()（）]{1,12}[)）])?\**\s*(?:[、,，/]|和|及|与|以及|或|and|or|,\s*and)?\s*(?:[\u4e00-\u9fff]{1,12}\s*[（(])?\s*\**$")
# Sizes listed after a model family: "Qwen3-VL 系列模型（4B/8B）", "LLaVA-1.5 (7B/13B)" name
# Qwen3-VL-4B, Qwen3-VL-8B, ...
_SIZE = r"\d+(?:\.\d+)?[BM]"
MODEL_SIZES = re.compile(
    rf"\*{{0,2}}\s*(?:系列模型|系列|模型|models?|family|series)?\s*[（(]\s*((?:{_SIZE})(?:\s*(?:[/、,，]|和|and|,\s*and)\s*{_SIZE})+)"
    r"\s*(?:参数|parameters)?\s*[)）]")
# Words after a known model's name that continue it: Voxtral Mini Transcribe V2, Nano Banana
# Pro, Nemotron Streaming. Words that describe rather than name stop it.
MODEL_NAME_TAIL = re.compile(
    r"(?:[ ](?!(?:Model|Models|Series|Family|Technical|Report|And|Or|For|With|On|In|Of|Via|The|To|Is|Are|As|At|By|From|Using|Based|Baseline|Baselines|Benchmark|LLM|LLMs|VLM|VLMs|API)\b)"
    r"(?:[A-Z][A-Za-z0-9.+]*|[vV]\d+(?:\.\d+)*|\d+(?:\.\d+)?[BM])){1,3}(?![A-Za-z0-9-])")  # (gpt-oss 20B)
# A plain capitalised word or short Title phrase listed beside a known data set or model is
# one too: "Cora、Citeseer 和 Pubmed", "在 Memory Maze 和 Minecraft 数据集上".
# (a version after a space: "SeedEdit 1.6 (38.4%)、GPT4o (37.1%)"; each may carry its score;
# a small letter before a capital starts a name too: iWildCam)
_SIBLING = r"\**(?P<w>(?:[A-Z]|[a-z](?=[A-Z]))[A-Za-z0-9]*(?:[- ][A-Z][A-Za-z0-9]*){0,2}(?: v?\d+(?:\.\d+)+)?)\**"
_SCORE_BRACKET = r"(?:\s*[(（][^()（）\n]{0,10}\d[^()（）\n]{0,10}[)）])?"
_LIST_JOIN = r"\s*(?:[、,，]|和|及|与|以及|或|,?\s*and\b|,?\s*or\b)\s*"
_SIBLING_END = r"\s*(?:[、,，）)。；;：:]|和|及|与|以及|或|等|上|中|数据集|基准|模型|\s+(?:and|or|datasets?|benchmarks?|models?)\b|$)"
SIBLING_AFTER = re.compile(r"\**" + _SCORE_BRACKET + _LIST_JOIN + _SIBLING + r"(?=\**" + _SCORE_BRACKET + _SIBLING_END + ")")
# A name of a method, model or data set may end the list before the clause goes on: "现有方法如
# DDPO 和 DPOK 存在…" (not a measure's: "结合KL散度和MI，动态调整" names mutual information)
SIBLING_AFTER_THEN_CLAUSE = re.compile(r"\**" + _SCORE_BRACKET + _LIST_JOIN + _SIBLING
                                       + r"(?=\**" + _SCORE_BRACKET + "(?:" + _SIBLING_END + r"|(?<![a-z])\s*[\u4e00-\u9fff]))")
SIBLING_BEFORE = re.compile(r"(?:^|(?<=[在如、,，（(：:\s*]))" + _SIBLING + _SCORE_BRACKET + _LIST_JOIN + r"\**$")
# Chinese measures listed beside a known one: "成功率、平均奖励等".
SIBLING_AFTER_ZH = re.compile(r"\s*[、]\s*(?P<w>[\u4e00-\u9fff]{2,8}?)(?=\s*(?:[、，,）)。；;]|和|及|等))")
SIBLING_BEFORE_ZH = re.compile(r"(?:(?<=[（(、，,：:])|(?<=如|括))(?!如|例如|包括)(?P<w>[\u4e00-\u9fff]{2,8})\s*[、]\s*$")
# Capitalised words that start a sentence or clause, not a name.
SENTENCE_WORDS = re.compile(r"^(?:However|While|We|Our|It|Its|They|Their|Moreover|Furthermore|Additionally|Finally|Notably|Specifically|Meanwhile|Experiments?|Results?|Compared|Overall|Besides|Also|Then|Thus|Hence|Here|There|Such|Other|Most|More|Less|Existing|Recent|Prior|Previous|Current|Further|Both|Either|Neither|Among|Each|Many|Several|Various|New|Real|Large|Small|Recently|Concretely|Remarkably|Surprisingly|Crucially|Interestingly|Importantly|Consequently|Therefore|Instead|Similarly|Ultimately|Unlike|Although|Despite|Together|Altogether|Nevertheless|Nonetheless|Likewise|Next|First|Second|Third|Yet|Still|Indeed|[A-Z][a-z]+ly)$")
# "如 A、B 和 C" / "such as A, B and C" without brackets.
SUCH_AS = re.compile(r"(?:如|包括|例如|including|such as)\s*([^。；;\n()（）]{2,160}?)(?=[。；;\n]|$)")
# "we present X, a method ...": X is the paper's own.
NAMED_AS_OWN = re.compile(
    starting_with(("We", "we", "This (?:paper|work)", "this (?:paper|work)"), r"\w") + rf"\s+(?:propose|introduce|present|develop|release)s?\s+(?P<name>{TITLE_PHRASE}|{NAME})\s*(?:\([^)]*\))?\s*,\s+(?:a|an|the)\b")

# Sentences in which the paper introduces something of its own.
# Not "所提出的方法在 X 上": the proposed method, evaluated on X.
_PROPOSE_VERB = r"\s+(?:propose|introduce|present|develop|release|build|construct|design)s?\b"
PROPOSE_CUE = re.compile(starting_with(
    [f"{word}(?:了|的)?" for word in ("提出", "推出", "引入", "构建", "开发", "设计", "发布", "创建", "介绍", "训练出", "扩展为", "拓展为")], "所",
    ([f"{we}{_PROPOSE_VERB}" for we in ("We", "we", "This (?:paper|work)", "this (?:paper|work)")], r"\w")))
# A Chinese name after a propose cue, glossed by the name that follows: 提出 "龙之雏形" (BDH).
# Group "zh" is the Chinese name.
_GLOSSED_AFTER_CUE = r"了?\s*(?:一种|一个|一套)?\s*(?:新颖的|新的|全新的|创新的)?\s*[\"“「]?(?P<zh>[\u4e00-\u9fff]{2,16})[\"”」]?\s*[（(]\s*$"
PROPOSED_GLOSS = re.compile(r"(?<!所)(?:提出|推出|推导出|引入|构建|开发|设计|发布|创建)" + _GLOSSED_AFTER_CUE)
# The same after 提出 (or 推导出, derives) only, for a name the vocabulary knows, ending
# the clause: a paper that writes 我们提出视觉锚定策略优化 (VAPO) ，... defines its VAPO,
# whatever else is so called; and for a Title Case gloss, which after 引入 or 构建 is as
# often a part the paper uses (引入输出门控（Output Gate）) as one it proposes.
# ("提出通过直接偏好优化（DPO）训练" and "引入 X (ACR)" use one.)
PROPOSED_KNOWN_GLOSS = re.compile(r"(?<!所)(?:提出|推导出)" + _GLOSSED_AFTER_CUE)
PROPOSED_KNOWN_GLOSS_END = re.compile(r"\s*[)）]\s*[，,。；;]")
NAMED_CUE = re.compile(r"(?:名为|称为|称之为|命名为|简称|dubbed|called|named|termed)\s*[\"“”'「『]?\s*$")
# A Chinese name the text calls its own, glossed by the name that follows: 称为样本高效模态集成
# (SEMI); also the second of two so named: 分别命名为有效秩速度 (ERV) 和有效秩加速度 (ERA).
_NAMED_CHINESE = r"[\"“「]?[\u4e00-\u9fff]{2,16}[\"”」]?\s*[（(]"
NAMED_GLOSS_BEFORE = re.compile(r"(?:名为|称为|称之为|命名为)\s*(?:" + _NAMED_CHINESE + r"[^()（）\n]{1,20}[)）]\s*(?:和|与|及|、|以及)\s*)?"
                                + _NAMED_CHINESE + r"\s*$")
NAMED_GLOSS_REACH = 64  # characters before a gloss that NAMED_GLOSS_BEFORE reads

# A Chinese phrase that ends in one of these heads, glossed with an English name in
# brackets, names a thing of the head's type: 轨迹自蒸馏框架 (Trajectory Self-Distillation).
# A Chinese name ending in 模型 names a kind of model (广义加性模型, 潜在动作模型), a Method:
# trained models keep their English names untranslated.
CHINESE_HEADS = [
    ("Task", re.compile(r"(?:识别|检测|分割|分类|跟踪|追踪|问答|翻译|全息|孪生|双胞胎)$")),
    ("Dataset", re.compile(r"(?:数据集|基准测试|基准|测试集|评测集)$")),
    ("Metric", re.compile(r"(?:指标|分数|得分|评分|率|误差|相似度|保真度|一致性|连贯性|遵循|距离|系数)$")),
    ("Method", re.compile(r"(?:方法|方案|框架|算法|机制|策略|模块|架构|范式|技术|损失|网络|模型|建模|优化|学习|蒸馏|注意力|编码|解码|采样|估计|训练|对齐|正则化|归一化|量化|剪枝|搜索|估计器|编码器|解码器|控制器|适配器)$")),
]
# Chinese heads that name a part of a system, glossed by a new name: 评估引擎（DeepSafe）.
COMPONENT_HEAD = re.compile(r"(?:模块|组件|引擎|单元|子网络|编码器|解码器|适配器|控制器|估计器|判别器|生成器)$")
CHINESE_HEADS_METRIC = re.compile(_ZH_MEASURE + r"$|(?:指标|准确性)$")
# Words that start a Chinese sentence or clause rather than a name; a Chinese label is cut
# after the last of them.
CHINESE_LEAD = re.compile(r"^.*(?P<lead>不如|优于|进行|发布|推出|带有|含有|包含|应用|执行|实施|提出了|提出|引入了|引入|采用了|采用|使用了|使用|利用|基于|通过|结合了|结合|一种|一个|名为|称为|以及|并且|其中|我们|本文|和|与|及|的|了|在|将|对|为|是|种|个)")

# Sentence boundaries for evidence.
SENTENCE_END = re.compile(r"(?<=[。！？；!?;])|(?<=\.)\s+(?=[A-Z\u4e00-\u9fff])|\n+")
