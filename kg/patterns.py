"""Discovery patterns, as data: how text shows that a string is a name, and of what type.

The extractor reads these tables; nothing here knows any particular paper.
"""
import re

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"

# A name-like string: letters and digits joined by - . + @ ^ (Qwen3-8B, pass@1, GPT-4o,
# Self-Forcing++, MinerU2.5). Compounds with "/" are split later.
NAME = r"(?<![A-Za-z0-9_@^.+-])[A-Za-z0-9][A-Za-z0-9]*(?:[-.@^'][A-Za-z0-9]+|\+(?=[A-Za-z0-9]))*(?:\+\+|\+)?(?:/[A-Za-z0-9][A-Za-z0-9]*(?:[-.@^][A-Za-z0-9]+)*)*(?![A-Za-z0-9_])"
# A Title Case phrase: two to seven capitalised words (Group Relative Policy Optimization).
TITLE_WORD = r"[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*"
TITLE_PHRASE = rf"{TITLE_WORD}(?:\s+(?:(?:of|for|with|and|in|on|to|via|the|from|by)\s+)?{TITLE_WORD}){{1,6}}"

# What makes a single string look like a proper name rather than a word or a number.
NAME_SHAPES = [
    re.compile(r"[A-Z].*[A-Z]"),          # GRPO, LongLive, P-GenRM
    re.compile(r"^[a-z]+[A-Z]"),          # dVoting, pFedMe
    re.compile(r"[A-Za-z].*\d|\d.*[A-Za-z]"),  # Qwen3, GPT2, o3, T3D, GSM8K
    re.compile(r"^[A-Z][a-z0-9]+(?:-[A-Z][A-Za-z0-9]*)+"),  # Vision-Zero, Self-Forcing
    re.compile(r"[@^]"),                  # pass@1, pass^4
]
# Strings with a name's shape that are not names: numbers with units, sizes, versions,
# years, resolutions, hardware, ordinals.
NOT_NAMES = re.compile(
    r"""^(?:\d+(?:\.\d+)*[A-Za-z%]{0,4}        # 10M, 1.3B, 480ms, 2D, 4K, 3rd
        |v\d+(?:\.\d+)*                        # v1, v2.1
        |\d+[xX]\d+|[xX]\d+(?:\.\d+)?          # 512x512, x2
        |[A-Z]\d{2,4}[A-Za-z]{0,3}             # H100, A100, V100, T4
        |(?:RTX|GTX)\d*|Top-?\d+|top-?\d+|Step-?\d+|Stage-?\d+|Phase-?\d+
        |[A-Z]\d?|[a-z]{1,2}\d?                # single letters, x1
        |\d+[-–]\d+|\d+(?:\.\d+)?[-–]?(?:shot|step|way|bit|layer|stage|fold|hop|turn|round)s?
        |[Ee]q\d*|[Ff]ig\d*|[Tt]ab\d*|Sec\d*|S\d
        )$""", re.X)

# Names written as a word and a year or version: AIME 2024, Gaokao 2024, Qwen 2.5, Llama 3.
NAME_WITH_NUMBER = r"(?<![A-Za-z0-9])[A-Z][A-Za-z]{1,20}(?:-[A-Z][A-Za-z]+)?\s(?:20[0-3]\d|\d{1,2}(?:\.\d)?)(?:/(?:20[0-3]\d|\d{1,2}(?:\.\d)?))*(?![A-Za-z0-9.%])"
# Words that, with a number after them, are not names.
NUMBERED_WORDS = re.compile(r"^(?:Table|Figure|Fig|Section|Sec|Stage|Step|Phase|Level|Round|Chapter|Appendix|Eq|Equation|Part|Task|Version|Day|Top|Layer|Block|Type|Case|Group|Class|Set|Test|Experiment|Exp|Iteration|Epoch|Year|Rank|Tier|Grade|Lemma|Theorem|Algorithm|Example|Question|Problem|Page|Line|Volume|Vol|No|Number|Top|In|On|At|By|Of|For|And|The|With|From|To|Over|About|Than|Since|Until|Around|Approximately|Only|Just|Nearly|Almost|Roughly|Up|All|Both|These|Those|This|That|Each|Every|Some|Many|Few|First|Last|Next|Only|Over|Under|Since|During|After|Before|Across|Between|Among|Using|Via|Per|Than|Like|Unlike|NeurIPS|ICLR|ICML|CVPR|ICCV|ECCV|ACL|EMNLP|NAACL|AAAI|IJCAI|KDD|WWW|SIGGRAPH|COLING|Interspeech|ICASSP|IROS|ICRA|CoRL|RSS|Windows|iOS|Android|Python|Java|PyTorch|TensorFlow|CUDA|Ubuntu|Unity|ROS|UTC|GMT|COVID|Wi|Fi)$")
# Web addresses and e-mail: their parts are never entity names.
URL = re.compile(r"https?://\S+|www\.\S+|\S+@\S+\.\w+")

# Morphology of a name decides its type before context does (first match wins).
TYPE_BY_SHAPE = [
    ("Metric", re.compile(r"@(?:\d+|k|K|N|n)$|\^(?:\d+|k)$|^(?:pass|Pass|Recall|Hit|NDCG|Acc|Precision|mAP|AP|R|P)@")),
    ("Dataset", re.compile(r"(?i)(?:bench(?:mark)?|arena|gym|suite|eval|world)(?:[-\s]?v?\d+(?:\.\d+)?)?$|^(?:[A-Z][A-Za-z]*-)?[A-Za-z]*QA\d*$|\d+K$|[-\s]20[0-3]\d$|^[A-Z][A-Za-z]+[-\s]?(?:2[0-9])$")),
    ("Model", re.compile(r"(?i)(?:^|[-_\s])\d+(?:\.\d+)?[bm](?:$|[-_\s])|-(?:instruct|base|chat|it|coder|thinker|preview|distill|mini|turbo|flash|pro|max|vl|omni|math|zero)(?:[-\s]|$)")),
]

# Words right after (or before) a name that say what it is. Chinese cues apply to the
# text right after the name; English ones to the next word or the word before.
CUES_AFTER = [
    ("Dataset", re.compile(r"^\s*(?:数据集|基准测试|基准|测试集|评测集|评测基准|benchmarks?\b|datasets?\b|suite\b|corpus\b|环境中|test set)")),
    ("Model", re.compile(r"^\s*(?:模型|大模型|系列模型|checkpoints?\b|models?\b|LLMs?\b|VLMs?\b)")),
    ("Metric", re.compile(r"^\s*(?:指标|分数|得分|评分|metrics?\b|scores?\b)")),
    ("Method", re.compile(r"^\s*(?:方法|框架|算法|机制|策略|模块|架构|范式|技术|损失|网络|机制|methods?\b|frameworks?\b|algorithms?\b|architectures?\b|approach\b|module\b|mechanism\b|loss\b|strategy\b|paradigm\b)")),
]
CUES_BEFORE = [
    ("Dataset", re.compile(r"(?:在|于|on|On)\s*$")),
    ("Model", re.compile(r"(?:基于|使用|采用|based on|using|with)\s*$")),
]

# Sentences in which the paper introduces something of its own.
PROPOSE_CUE = re.compile(
    r"(?:我们|本文|本研究|作者|该研究|论文)?(?:首次)?(?:提出|推出|引入|构建|开发|设计|发布|创建|介绍)(?:了|的)?"
    r"|\b(?:[Ww]e|[Tt]his (?:paper|work))\s+(?:propose|introduce|present|develop|release|build|construct|design)s?\b")
NAMED_CUE = re.compile(r"(?:名为|称为|称之为|命名为|简称|dubbed|called|named|termed)\s*[\"“”'「『]?\s*$")

# A Chinese phrase that ends in one of these heads, glossed with an English name in
# brackets, names a thing of the head's type: 轨迹自蒸馏框架 (Trajectory Self-Distillation).
CHINESE_HEADS = [
    ("Dataset", re.compile(rf"(?:数据集|基准测试|基准|测试集|评测集)$")),
    ("Model", re.compile(rf"(?:模型)$")),
    ("Metric", re.compile(rf"(?:指标|分数|率)$")),
    ("Method", re.compile(rf"(?:方法|框架|算法|机制|策略|模块|架构|范式|技术|损失|网络|优化|学习|蒸馏|注意力|编码|解码|采样|估计|训练|对齐|正则化|量化|剪枝|搜索)$")),
]
# Words that start a Chinese sentence or clause rather than a name; a Chinese label is cut
# after the last of them.
CHINESE_LEAD = re.compile(r"^.*(?:提出了|提出|引入了|引入|采用了|采用|使用了|使用|利用|基于|通过|结合了|结合|一种|一个|名为|称为|以及|并且|其中|我们|本文|和|与|及|的|了|在|将|对|为|是|种|个)")

# Sentence boundaries for evidence.
SENTENCE_END = re.compile(r"(?<=[。！？；!?;])|(?<=\.)\s+(?=[A-Z\u4e00-\u9fff])|\n+")
