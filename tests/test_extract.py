"""Extraction rules, each on a sentence of the kind the digests are written in."""
import re

import pytest

from kg.extract import Extractor
from kg.namespaces import PREFIXES
from kg.records import PaperRecord, Section
from kg.vocab import load_vocabulary


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(load_vocabulary())


def mentions(extractor: Extractor, text: str, title: str = "A Study of Things", role: str = "abstract") -> dict[str, object]:
    paper = PaperRecord(arxiv_id="2501.00001", title=title, source="t.md", start_line=1, end_line=2,
                        sections=[Section("title", title, 1), Section(role, text, 2)])
    return {m.text: m for m in extractor.extract(paper)}


def test_names_listed_before_a_type_word_take_its_type(extractor):
    found = mentions(extractor, "这一视角催生了具有保证的 INPO、ONPO 和 EGPO 等算法，但仍有不足。")
    assert {found[n].type for n in ("INPO", "ONPO", "EGPO")} == {"Method"}


def test_sizes_in_brackets_after_a_model_family_name_its_checkpoints(extractor):
    found = mentions(extractor, "在 **Qwen3-VL** 系列模型（4B/8B）上，微调后的准确率提升了 3%。")
    assert found["Qwen3-VL-4B"].type == found["Qwen3-VL-8B"].type == "Model"


@pytest.mark.parametrize("sentence, names", [
    ("我们评估了包括 Claude 3.7/4 Sonnet、o4-mini 等专有模型。", {"Claude 3.7 Sonnet", "Claude 4 Sonnet"}),
    ("We compare the Gemini 3/3.5 Flash models on MMLU.", {"Gemini 3 Flash", "Gemini 3.5 Flash"}),
])
def test_versions_sharing_a_variant_word_are_each_a_model_with_it(extractor, sentence, names):
    found = mentions(extractor, sentence)
    assert names <= found.keys() and all(found[n].type == "Model" for n in names)
    assert not {"4", "Sonnet", "Flash", "Pro", "4 Sonnet"} & found.keys()


def test_a_known_model_name_continues_over_capitalised_words(extractor):
    found = mentions(extractor, "其准确率接近最先进的离线模型 Voxtral Mini Transcribe V2（差异小于 1%）。")
    assert found["Voxtral Mini Transcribe V2"].type == "Model"
    assert "Voxtral Mini" not in found


def test_known_names_inside_web_addresses_are_not_mentions(extractor):
    found = mentions(extractor, "代码见 [链接](https://github.com/org/Qwen-Character/tree/main)。")
    assert "Qwen" not in found


def test_a_chinese_measure_with_a_reported_value_is_a_metric(extractor):
    found = mentions(extractor, "在提升准确率的同时，生成长度减少了 15.55%，且修正了错误。")
    assert found["生成长度"].type == "Metric"


@pytest.mark.parametrize("sentence, measure", [
    ("在多个推理任务上准确率提高了 5%。", "准确率"),
    ("在相同基准上胜率提高了 10%。", "胜率"),
])
def test_where_a_chinese_measure_was_taken_is_not_part_of_its_name(extractor, sentence, measure):
    found = mentions(extractor, sentence)
    assert measure in found and not any(name.endswith(measure) and name != measure for name in found)


def test_a_chinese_measure_without_a_value_is_not(extractor):
    found = mentions(extractor, "我们研究了生成长度对推理的影响。")
    assert "生成长度" not in found


def test_a_known_term_inside_a_glossed_new_name_is_only_a_part(extractor):
    found = mentions(extractor, "我们基于带有返回批量归一化（ReBN）的 REINFORCE 算法提供基线。")
    assert "ReBN" in found
    assert "批量归一化" not in found


def test_a_domain_abbreviation_glossed_by_an_untyped_phrase_is_not_an_entity(extractor):
    text = "该 Agent 指导调强放射治疗（IMRT）的逆向计划。IMRT 计划更优，IMRT 质量更高。"
    assert "IMRT" not in mentions(extractor, text)


def test_an_acronym_spelled_out_inside_a_chinese_gloss(extractor):
    text = "并提出了一种“长度激励探索”（Length-Incentivized Exploration, LIE）的强化学习方法。"
    assert mentions(extractor, text)["LIE"].type == "Method"


def test_an_acronym_modifying_a_chinese_noun_is_not_a_name(extractor):
    assert "KL" not in mentions(extractor, "我们提出一种前向KL公式，以稳定训练。前向KL公式很简单。")


def test_bold_phrases_naming_a_property_are_not_methods(extractor):
    paper = PaperRecord(arxiv_id="2501.00002", title="X", source="t.md", start_line=1, end_line=3,
                        sections=[Section("title", "X", 1),
                                  Section("innovations", "**线性时间复杂度（Scalable Linear-Time Complexity）**："
                                          "将复杂度降低。**子空间选择（Subspace-Aware Global Selection）**：全局选择。", 2)])
    found = {m.text for m in extractor.extract(paper)}
    assert "Subspace-Aware Global Selection" in found
    assert "Scalable Linear-Time Complexity" not in found


@pytest.mark.parametrize("sentence, counted", [
    ("在参数量 (10M 至 1B) 相同的条件下比较两种架构。", False),  # a setting
    ("与基线相比，参数量减少了 40%。", True),  # a result
])
def test_efficiency_measures_count_only_with_a_reported_result(extractor, sentence, counted):
    assert ("参数量" in mentions(extractor, sentence)) is counted


def test_an_acronym_glossing_a_chinese_model_phrase_is_a_kind_of_model(extractor):
    found = mentions(extractor, "我们设计了一个神经时序模型（NTM），并与检索模型（FooNet、BarNet 和 BazNet）比较。")
    assert found["NTM"].type == "Method"
    assert {found[n].type for n in ("FooNet", "BarNet", "BazNet")} == {"Model"}


def test_a_verb_before_a_measure_is_not_part_of_its_name(extractor):
    found = mentions(extractor, "Experiments show the method lowers failure rates by 40% and can enhance accuracy by 3%.")
    assert next(m for name, m in found.items() if name.startswith("failure rate")).type == "Metric"
    assert not any(name.startswith(("lowers", "enhance")) for name in found)


@pytest.mark.parametrize("sentence", [
    "实验表明，新方法的收敛速度比基线快 30%。",
    "实验表明，自适应探索显著加快了收敛速度。",
    "结果显示该方法在收敛速度上优于传统方法。",
])
def test_a_chinese_time_measure_compared_is_a_metric(extractor, sentence):
    assert mentions(extractor, sentence)["收敛速度"].type == "Metric"


def test_a_claimed_efficiency_is_not_a_metric(extractor):
    assert "学习效率" not in mentions(extractor, "该机制显著提升了学习效率，并降低了成本。")


def test_a_title_type_is_not_outvoted_by_untyped_mentions(extractor):
    text = "ZORB 是开源的。ZORB 的接口统一。ZORB 和其他工具兼容。ZORB，简单。ZORB 是可扩展的。ZORB 的速度快。"
    assert mentions(extractor, text, title="ZORB: A Gym for Agentic Models")["ZORB"].type == "Dataset"


@pytest.mark.parametrize("title", [
    "Quolla2: Benchmarking LLM Agents on Dynamic Environments",
    "Quolla Arena: A Comprehensive, Unified, and Evolving Evaluation Platform for Robots",
])
def test_a_title_calling_its_name_a_benchmark_types_it(extractor, title):
    name = title.split(":")[0]
    assert mentions(extractor, f"我们介绍 {name}。", title=title)[name].type == "Dataset"


@pytest.mark.parametrize("title", [
    "Quolformer: Object Pose Estimation leveraging Foundation Model",
    "Quolformer: Object Pose Estimation using a Foundation Model",
])
def test_what_a_title_says_its_name_uses_does_not_type_it(extractor, title):
    assert mentions(extractor, "我们提出 Quolformer。", title=title)["Quolformer"].type == "Method"


def test_a_chinese_title_ending_in_model_without_article_does_not_type_the_name(extractor):
    paper = PaperRecord(arxiv_id="2501.00003", title="VeraRL: Incentivizing Honest LLMs via RL", source="t.md",
                        start_line=1, end_line=3,
                        sections=[Section("title", "VeraRL: Incentivizing Honest LLMs via RL", 1),
                                  Section("title_zh", "VeraRL：通过强化学习激励诚实的大语言模型", 2),
                                  Section("abstract", "本文提出 VeraRL，一个通用的强化学习框架。", 3)])
    assert {m.text: m for m in extractor.extract(paper)}["VeraRL"].type == "Method"


@pytest.mark.parametrize("text", [
    "现有水下目标检测（UOD）方法效果有限，我们改进了多个 UOD 模型的特征，UOD模型更稳健。",
    "Existing Underwater Object Detection (UOD) models fail; our module improves UOD models and UOD模型。",
])
def test_an_acronym_spelled_out_as_a_task_is_not_a_method_or_model(extractor, text):
    found = mentions(extractor, text)
    assert "UOD" not in found or found["UOD"].type == "Task"


@pytest.mark.parametrize("sentence, name", [
    ("We introduce the concept of a reduced model for control.", "concept of a reduced model"),
    ("We propose an unsupervised differentiable framework for meshes.", "unsupervised differentiable"),
    ("We present a simulation-based framework for modeling anomalies.", "simulation-based"),
    ("We propose a graph-guided framework for retrieval.", "graph-guided"),
    ("We build a publicly available multimodal image-text dataset.", "publicly available multimodal image-text dataset"),
    ("We propose the first XYZ approach to streaming.", "first XYZ"),
])
def test_own_phrases_that_are_clauses_or_unnamed_data_are_not_names(extractor, sentence, name):
    assert name not in mentions(extractor, sentence)


@pytest.mark.parametrize("sentence, name, own", [
    ("TRIDENT introduces a novel local alignment objective that captures relationships.", "local alignment", True),
    ("Additionally, Super-LIO designs a heuristic-guided search strategy that accelerates matching.", "heuristic-guided search", True),
    # said of a system the vocabulary knows, it is that system's, not the paper's
    ("GPT-4 introduces a new chain planning strategy for agents.", "chain planning", False),
    ("The paper introduces a novel local alignment objective.", "local alignment", False),
])
def test_a_component_a_named_system_introduces_is_the_papers_own(extractor, sentence, name, own):
    found = mentions(extractor, sentence)
    assert (name in found and found[name].proposed) is own


def test_a_star_after_a_name_is_part_of_it_but_emphasis_is_not(extractor):
    found = mentions(extractor, "提出了新型规划器 MIT*（Multi-Informed Trees），优于 A* 和 RRT*。在 **GRPO** 与 *SimPO* 之上。")
    assert found["MIT*"].proposed and "MIT" not in found
    assert {"A*", "RRT*", "GRPO", "SimPO"} <= set(found) and not any(n.endswith("**") for n in found)
    assert "Step-GRPO" in mentions(extractor, "进一步引入了*带有截图反馈的Step-GRPO*，以提高能力。")
    assert "A*-Thought" in mentions(extractor, "A*-Thought 在三个基准上优于基线。", title="A*-Thought: Efficient Reasoning")


@pytest.mark.parametrize("sentence", ["我们提出了新的模型 FooNet，用于合成服装。", "提出了视觉-语言-服装模型 VLG，能够合成服装。"])
def test_a_name_right_after_the_word_model_is_a_model(extractor, sentence):
    name = "FooNet" if "FooNet" in sentence else "VLG"
    assert mentions(extractor, sentence)[name].type == "Model"


def test_a_bold_step_of_the_usage_guide_named_in_english_is_the_papers_own(extractor):
    text = "*   **处理流程**：\n    1.  **枢轴帧检索（Pivot Frame Retrieval）**：识别与查询相关的视频帧。"
    found = mentions(extractor, text, role="usage")
    assert found["Pivot Frame Retrieval"].proposed and "处理流程" not in found


@pytest.mark.parametrize("sentence, name, kind", [
    ("实验覆盖多语言差异（Flickr30k-CN、XM3600），结果稳定。", "Flickr30k-CN", "Dataset"),
    ("实验覆盖多种扰动（LIBERO-Plus、XM3600），结果稳定。", "LIBERO-Plus", "Dataset"),
    ("我们提出 SYNAPSE-G，用于罕见事件分类。", "SYNAPSE-G", "Method"),  # not the Synapse data set's
])
def test_a_known_data_sets_name_with_a_part_after_it_is_a_data_set_as_written(extractor, sentence, name, kind):
    assert mentions(extractor, sentence)[name].type == kind


def test_a_name_may_begin_with_a_dimension(extractor):
    found = mentions(extractor, "我们提出 3DGH，一种面向 3D 人头的无条件生成模型。")
    assert found["3DGH"].proposed and found["3DGH"].type == "Model" and "3D" not in found


@pytest.mark.parametrize("sentence, name, kind", [
    ("本文提出一种集成新模态的方法，称为样本高效模态集成 (SEMI)。SEMI 显著提升了样本效率。", "SEMI", "Method"),
    ("我们还提出一个新指标，称为有效秩速度 (ERV)，ERV 提升了 5%。", "ERV", "Metric"),
    ("其一阶与二阶导数分别命名为有效秩速度 (ERV) 和有效秩加速度 (ERA)，ERA 提升了 5%。", "ERA", "Metric"),
])
def test_an_acronym_glossing_what_the_text_calls_its_own_is_proposed(extractor, sentence, name, kind):
    found = mentions(extractor, sentence)
    assert found[name].proposed and found[name].type == kind


def test_a_domain_abbreviation_glossed_without_being_named_so_is_not_proposed(extractor):
    assert "IMRT" not in mentions(extractor, "调强放射治疗（IMRT）是常用的治疗手段，IMRT 计划耗时。")


def test_a_known_model_with_a_size_after_a_space_is_that_checkpoint(extractor):
    found = mentions(extractor, "我们评估了 gpt-oss 20B 和 DeepSeek-R1 7B 等模型。")
    assert {"gpt-oss 20B", "DeepSeek-R1 7B"} <= set(found) and found["DeepSeek-R1 7B"].type == "Model"


def test_an_acronym_may_take_capitals_inside_the_words_it_spells_out(extractor):
    found = mentions(extractor, "本文提出 Feature Reweighting ANd Contrastive Learning NetworK (FRANCK)，用于无源目标检测。"
                                "此外，我们提出 PoS-based Generation (PSG) 方法。")
    assert "Feature Reweighting ANd Contrastive Learning NetworK" in found["FRANCK"].aliases
    assert "PoS-based Generation" in found["PSG"].aliases
    assert "ANd" not in found


def test_the_papers_own_name_spelled_like_a_case_sensitive_term_is_its_own(extractor):
    found = mentions(extractor, "我们提出分组混合专家 (MoGE)，在选择专家时对专家分组。MoGE 更好地平衡负载。")
    assert found["MoGE"].proposed and found["MoGE"].entity is None  # not the model MoGe


def test_a_model_named_as_a_likeness_is_not_used(extractor):
    found = mentions(extractor, "本文提出 SeamCrafter，一种自回归 GPT风格的缝合生成器，并采用 BERT 式编码器，与 GPT-4 比较。")
    assert "GPT" not in found and "BERT" not in found and "GPT-4" in found


@pytest.mark.parametrize("sentence, name, kind", [
    ("CausalPlan 的核心是结构因果行动（SCA）模型，该模型从轨迹中学习因果图。", "SCA", "Method"),
    ("我们将 SIR 模型与神经网络结合，SIR 模型描述传播。", "SIR", "Method"),
    ("我们提出 ELLSA 模型，一个端到端的语音智能体。", "ELLSA", "Model"),
])
def test_a_short_acronym_called_a_model_is_a_way_of_modelling(extractor, sentence, name, kind):
    assert mentions(extractor, sentence)[name].type == kind


def test_a_title_calling_its_name_a_model_based_on_something_types_it(extractor):
    title = "CGEarthEye: A High-Resolution Remote Sensing Vision Foundation Model Based on the Jilin-1 Satellite Constellation"
    assert mentions(extractor, "本文研究遥感解译。", title=title)["CGEarthEye"].type == "Model"


def test_a_known_methods_name_before_a_chinese_measure_is_not_part_of_it(extractor):
    found = mentions(extractor, "实验结果显示，DDQN 比 DQN收敛速度快 70%。")
    assert "DQN收敛速度" not in found and found["收敛速度"].type == "Metric" and "DQN" in found


def test_a_lower_case_own_model_phrase_is_a_kind_of_model(extractor):
    assert mentions(extractor, "We design a conditional flow model for tracts.")["conditional flow model"].type == "Method"


def test_the_field_a_survey_covers_is_not_its_own_method(extractor):
    title = "Multimodal Sarcasm Detection in Dialogues: A Survey of Methods and Challenges"
    assert "Multimodal Sarcasm Detection in Dialogues" not in mentions(extractor, "本文综述了该领域。", title=title)


@pytest.mark.parametrize("title, name, named", [
    ("XR Reality Check: What Commercial Devices Deliver for Spatial Tracking", "XR Reality Check", False),
    ("Agentic AI Frameworks: Architectures, Protocols, and Design Challenges", "Agentic AI Frameworks", False),
    ("More Than Generation: Unifying Generation and Depth Estimation", "More Than Generation", False),
    ("Expert Merging: Model Merging with Unsupervised Expert Alignment", "Expert Merging", True),
    ("MMR-V: What's Left Unsaid?", "MMR-V", True),  # a name, whatever the subtitle asks
])
def test_a_title_phrase_before_a_question_or_a_list_of_topics_is_no_name(extractor, title, name, named):
    assert (name in mentions(extractor, "本文研究该问题。", title=title)) is named


def test_a_plain_word_model_stem_needs_a_version_to_make_a_model(extractor):
    found = mentions(extractor, "我们在视觉-语言推理（Vision-Language Reasoning）上比较 Qwen9-Max 与 Video-to-Music 生成。"
                                "Vision-Language 任务很难。Video-to-Music 任务也难。")
    assert found["Qwen9-Max"].type == "Model"
    assert all(found[n].type != "Model" for n in ("Vision-Language", "Video-to-Music") if n in found)


@pytest.mark.parametrize("text, name", [
    ("我们提出 True-False Question 训练范式，并使用 True-False Question 数据。", "True-False"),
    ("证明依赖 Green-Laffont定理，Green-Laffont定理 给出了不可能性。", "Green-Laffont"),
    ("We study text-to-CAD generation and text-to-CAD editing.", "text-to-CAD"),
])
def test_a_hyphenated_word_pair_modifying_the_next_word_is_no_name(extractor, text, name):
    assert name not in mentions(extractor, text)


def test_a_hyphenated_name_built_on_a_known_name_stays(extractor):
    assert "MR-GRPO" in mentions(extractor, "我们提出 MR-GRPO 方法。MR-GRPO训练更稳定。")


def test_a_name_after_the_comma_of_a_proposal_is_used_not_proposed(extractor):
    found = mentions(extractor, "本文提出了一种受发育启发的强化学习框架，用于机器人在 KidBench 上学习。"
                                "我们提出象限调优 (Quadrant Tuning, QuadTune)，一个统一框架。")
    assert not found["KidBench"].proposed
    assert found["QuadTune"].proposed


def test_a_capitalised_word_before_a_cued_name_is_part_of_it(extractor):
    found = mentions(extractor, "我们发布了 Robot Daily数据集，Robot Daily数据集包含多种任务。")
    assert "Robot Daily" in found and "Daily" not in found


@pytest.mark.parametrize("text, absent", [
    ("相关工作见 smith2023scaling 与 smith2023scaling 的讨论。", "smith2023scaling"),
    ("我们训练了 10B+ 参数的模型，10B+ 模型更强。", "10B+"),
    ("显存仅需 8GB，以 30FPS 运行，8GB 即可。", "8GB"),
    ("显存仅需 8GB，以 30FPS 运行，30FPS 即可。", "30FPS"),
    ("LLMs only perform shallow (level-1) causal reasoning; level-1 reasoning is common.", "level-1"),
    ("该方法基于强化学习（RL-based）进行规划。", "RL-based"),
])
def test_citation_keys_sizes_and_adjectives_are_not_names(extractor, text, absent):
    assert absent not in mentions(extractor, text)


def test_a_hyphenated_environment_in_a_title_is_a_modifier(extractor):
    title = "Make Your QZV Adaptive: An Environment-Aware Learning Framework for Flight"
    found = mentions(extractor, "QZV，无人机。QZV，飞行器。QZV，平台。", title=title)
    assert all(m.type != "Dataset" for m in found.values())


def test_plain_words_listed_beside_a_known_dataset_are_datasets(extractor):
    found = mentions(extractor, "在引文网络（Cora、Citeseer、Quorapedia）和 Sky Maze 和 ImageNet 上的实验表明，该方法更好。")
    assert found["Quorapedia"].type == "Dataset"
    assert found["Sky Maze"].type == "Dataset"


def test_sentence_words_after_a_list_are_not_siblings(extractor):
    found = mentions(extractor, "We evaluate on ImageNet, However the gains are small.")
    assert "However" not in found


def test_a_name_shaped_word_listed_beside_a_known_method_is_a_method(extractor):
    found = mentions(extractor, "与 PPO、ZQRL 和 Sample Tuning 相比，我们的方法更稳定。")
    assert found["ZQRL"].type == "Method"
    assert "Sample Tuning" not in found


def test_what_an_apposition_calls_a_name_outranks_its_shape(extractor):
    text = ("We present Zed-Coder, a novel framework that turns text into code. "
            "Zed-Coder 很强。Zed-Coder 更快。Zed-Coder 开源。Zed-Coder 可扩展。")
    assert mentions(extractor, text)["Zed-Coder"].type == "Method"


def test_the_last_type_word_of_a_chinese_apposition_is_its_head(extractor):
    text = "本文提出 QuxelNet，一种用于提升语言模型推理的新框架。QuxelNet模型推理更快。"
    assert mentions(extractor, text)["QuxelNet"].type == "Method"


@pytest.mark.parametrize("sentence, name", [
    ("该方法带来 9.5 倍的注意力计算加速。", "加速比"),
    ("与基线相比，实现了高达一个数量级的加速。", "加速比"),
    ("Our kernel gives a 3.1x end-to-end speedup on long videos.", "speedup"),
])
def test_a_speedup_reported_by_its_factor_is_a_metric(extractor, sentence, name):
    assert mentions(extractor, sentence)[name].type == "Metric"
    assert extractor.vocabulary.lookup(name).pref_label == "speedup"  # one entity, however written


def test_speeding_up_without_a_factor_is_no_metric(extractor):
    assert "加速" not in mentions(extractor, "我们希望该框架能加速未来的研究。")


@pytest.mark.parametrize("text, names", [
    ("现有上下文修剪技术（如 FooLingua）忽略了代码结构。", ["FooLingua"]),
    ("我们对比了 AlphaSketch 和 BetaSketch (矢量方法) 等 SOTA 基线。", ["AlphaSketch", "BetaSketch"]),
    ("我们证明了 GRPO 的核心组件 QRAE 存在两个问题。", ["QRAE"]),
])
def test_names_typed_by_a_type_word_around_them_once(extractor, text, names):
    found = mentions(extractor, text)
    assert all(found[n].type == "Method" for n in names)


def test_a_chinese_measure_listed_beside_a_known_metric_is_a_metric(extractor):
    found = mentions(extractor, "具体的性能数据（例如跟踪误差、收敛速度等）显示提升了 5%。")
    assert found["收敛速度"].type == "Metric"
    assert "如跟踪误差" not in found


@pytest.mark.parametrize("sentence, name", [
    ("实验表明，决策时间缩短了15%。", "决策时间"),
    ("而新方法的求解时间仅为0.1秒。", "求解时间"),
])
def test_chinese_time_and_energy_measures_with_a_value_are_metrics(extractor, sentence, name):
    assert mentions(extractor, sentence)[name].type == "Metric"


def test_a_cost_said_to_fall_without_a_value_is_no_metric(extractor):
    assert "设计成本" not in mentions(extractor, "该方法可以显著降低设计成本。")


def test_an_own_phrase_naming_a_task_is_not_a_method(extractor):
    assert not any("detection" in n for n in mentions(extractor, "We propose an unsupervised graph-based anomaly detection method."))


def test_a_name_before_a_testbed_word_is_a_dataset(extractor):
    found = mentions(extractor, "本文构建了 CraftField测试平台。使用 CraftField，智能体表现更好。使用 CraftField，效果提升。")
    assert found["CraftField"].type == "Dataset"


def test_keywords_far_apart_do_not_type_each_other(extractor):
    paper = PaperRecord(arxiv_id="2501.00004", title="X", source="t.md", start_line=1, end_line=3,
                        sections=[Section("title", "X", 1), Section("keywords", "地理信息   QZGIS   模型评估", 2),
                                  Section("abstract", "地理信息系统（QZGIS）很重要，QZGIS 用途广泛。", 3)])
    found = {m.text: m for m in extractor.extract(paper)}
    assert "QZGIS" not in found or found["QZGIS"].type != "Model"


def test_a_plain_word_before_a_type_word_also_gets_the_english_phrase(extractor):
    found = mentions(extractor, "我们采用 Hamiltonian方法 处理约束。")
    assert "Hamiltonian method" in found["Hamiltonian"].aliases


def test_a_model_stem_followed_by_capitals_is_still_the_family(extractor):
    assert mentions(extractor, "代码和模型权重（基于 QwenZX-9.5 的版本）均已开源。")["QwenZX-9.5"].type == "Model"


def test_a_model_stem_running_on_into_another_word_is_another_name(extractor):
    found = mentions(extractor, "HiFiNet 使用图卷积处理点云。另有 Qwen9-Max 的结果。HiFiNet 很快。")
    assert found["Qwen9-Max"].type == "Model"
    assert found["HiFiNet"].type != "Model"  # a network, not one of the HiFi-GAN family


@pytest.mark.parametrize("sentence, name", [
    ("我们训练了 MasTER 并发布其权重。MasTER 很快。", "MasTER"),  # not of MASt3R's family
    ("我们提出 Gen4D，生成多样的 4D 人体动画。Gen4D 很快。", "Gen4D"),  # 4D is no version of Gen-3
])
def test_a_name_only_looking_like_a_model_family_is_not_of_it(extractor, sentence, name):
    assert mentions(extractor, sentence)[name].type != "Model"


@pytest.mark.parametrize("name", ["deepseek-r9", "Deepseek-R9", "LLaVa-NeXT-Vicuna"])
def test_a_model_family_in_another_case_before_a_version_is_still_the_family(extractor, name):
    assert mentions(extractor, f"我们与 {name} 进行了比较。")[name].type == "Model"


@pytest.mark.parametrize("sentence, type_", [
    ("我们提出了 SegZ-R9，这是一个使用强化学习增强大型多模态模型（LMM）像素级理解的尝试。", "Method"),
    ("我们提出了 SensorZ，一个传感器语言基础模型系列，旨在理解可穿戴传感器。", "Model"),
    ("我们提出了 FooZNet，一个用于图像分割的模型。", "Model"),
])
def test_an_apposition_is_typed_by_the_word_that_ends_it(extractor, sentence, type_):
    name = sentence.split("，")[0].split()[-1]
    assert mentions(extractor, sentence)[name].type == type_


def test_an_apposition_after_a_bold_name(extractor):
    found = mentions(extractor, "内置了 **GuardZ**（一个在安全数据上微调的专用裁判模型），效果很好。")
    assert found["GuardZ"].type == "Model"


def test_a_name_after_the_proposed_method_is_not_proposed(extractor):
    found = mentions(extractor, "实验结果表明，所提出的方法在 Maze9 和 Minecraft 数据集上显著超越了基线。")
    assert not found["Maze9"].proposed


def test_a_name_ending_in_data_is_a_dataset(extractor):
    assert mentions(extractor, "我们发布 QFX-Data，并用 QFX-Data 训练。")["QFX-Data"].type == "Dataset"


def test_a_plural_glossed_acronym_is_the_singular_used_elsewhere(extractor):
    found = mentions(extractor, "数字孪生（QTs）正在兴起。QT 可以模拟工厂。QT 的用途广泛。QT 很多。")
    assert "QTs" not in found
    assert "QT" not in found or found["QT"].type == "Task"


def test_list_siblings_chain_along_the_list(extractor):
    found = mentions(extractor, "加载预置的场景数据集（如 Forge、Meadow、MultiQ9 等）和物体资产。")
    assert {found[n].type for n in ("Forge", "Meadow", "MultiQ9")} == {"Dataset"}


def test_a_chinese_sibling_starting_with_a_function_word_is_no_name(extractor):
    found = mentions(extractor, "该方法具有更高的效率，并在求解耗时、成功率上表现优异，成功率提升 5%。")
    assert not any(n.startswith("并在") for n in found)


def test_gains_in_a_measure_report_it(extractor):
    found = mentions(extractor, "Beyond measurable gains in localization accuracy, the study sets a paradigm.")
    assert found["localization accuracy"].type == "Metric"


def test_steps_said_to_be_reduced_are_a_metric(extractor):
    assert mentions(extractor, "现有方法虽然减少了去噪步骤，但需要额外训练。")["去噪步骤"].type == "Metric"


def test_a_papers_own_name_spelled_out_as_a_task_stays_its_method(extractor):
    found = mentions(extractor, "我们提出 XOD (Cross-Object Detection)，一种新的框架。XOD 的效果很好。")
    assert found["XOD"].type == "Method" and found["XOD"].proposed


@pytest.mark.parametrize("sentence, name", [
    ("The renderer adds color constraints and an opacity jitter mechanism to the pipeline.", "opacity jitter mechanism"),
    ("Finally, a peer teaching strategy is developed to fuse the branches.", "peer teaching"),
])
def test_a_component_named_with_an_article_and_a_part_head(extractor, sentence, name):
    found = mentions(extractor, sentence)
    assert found[name].type == "Method" and not found[name].proposed


def test_vague_adjectives_do_not_start_a_component_name(extractor):
    found = mentions(extractor, "It uses an iterative refinement strategy and an explicit adaptation mechanism.")
    assert not any(n.startswith(("iterative", "explicit")) for n in found)


def test_a_name_glossing_what_a_propose_cue_introduces_is_own_where_typed_elsewhere(extractor):
    found = mentions(extractor, '我们提出 "星火引擎" (SFE) ，用于长文本生成。SFE 架构在三个任务上表现出色。')
    assert found["SFE"].proposed


def test_a_known_acronym_glossing_the_name_a_paper_proposes_is_its_own(extractor):
    found = mentions(extractor, "为此，我们提出视觉锚定策略优化 (VAPO) ，一种简洁的方法。最终模型 VAPO-Lite-7B 表现最佳。")
    assert found["VAPO"].proposed and found["VAPO-Lite-7B"].proposed


def test_a_known_acronym_used_after_a_propose_cue_is_not_made_own(extractor):
    found = mentions(extractor, "本文提出通过直接偏好优化（DPO）训练翻译模型，并提出了一种近端策略优化（PPO）方法。")
    assert not found["DPO"].proposed and not found["PPO"].proposed


def test_an_efficiency_measure_needs_a_result_in_its_own_clause(extractor):
    found = mentions(extractor, "现有方法导致推理延迟过高，我们的方法将准确率提升了 5%。")
    assert "推理延迟" not in found and "延迟" not in found
    found = mentions(extractor, "在多个数据集上，我们的方法将推理延迟降低了 40%。")
    assert any(m.type == "Metric" and "延迟" in name for name, m in found.items())


def test_a_chinese_measure_after_its_change_is_a_metric(extractor):
    found = mentions(extractor, "与基线相比，该方法节省了约 60% 的标注人力成本。")
    assert found["标注人力成本"].type == "Metric"


def test_a_chinese_rate_said_to_be_the_best_is_a_metric_but_not_an_efficiency(extractor):
    found = mentions(extractor, "在所有场景中，该智能体均取得了最高的关卡解锁率，并具有更高的样本效率。")
    assert found["关卡解锁率"].type == "Metric"
    assert "样本效率" not in found


def test_an_english_phrase_glossing_a_part_names_a_method(extractor):
    found = mentions(extractor, "模型采用门控多模态编码器（Gated Multimodal Encoder）融合图文特征，"
                                "并对 CoT 进行多轮迭代精炼（Multi-round Refinement）。")
    assert found["Gated Multimodal Encoder"].type == "Method"
    assert found["Multi-round Refinement"].type == "Method"
    # a head after one plain word is a kind of part; a field's name is no part
    found = mentions(extractor, "引入门控机制（Gating Mechanism），面向高效推理（Efficient Reasoning）。")
    assert "Gating Mechanism" not in found and "Efficient Reasoning" not in found


def test_a_new_name_glossing_a_part_is_the_papers_own_part(extractor):
    found = mentions(extractor, "该框架由检索引擎（FastSeek）和排序模块（ReRankX）组成。")
    assert found["FastSeek"].proposed and found["ReRankX"].proposed


def test_a_word_the_measure_begins_with_is_not_cut_as_a_function_word(extractor):
    found = mentions(extractor, "实验表明，平均等待时间缩短了 30%。")
    assert found["等待时间"].type == "Metric"
    assert "待时间" not in found


def test_a_month_and_year_is_no_benchmark(extractor):
    found = mentions(extractor, "The data were collected in August 2025 and evaluated on Nexus 2024 and on Nexus 2024 again.")
    assert "August 2025" not in found
    assert found["Nexus 2024"].type == "Dataset"


def test_a_capitalised_sentence_adverb_is_no_name(extractor):
    found = mentions(extractor, "Recently, MoLA and Crucially, ViTex models such as Remarkably were compared on GSM8K, MATH and Surprisingly.")
    assert not {"Recently", "Crucially", "Remarkably", "Surprisingly"} & set(found)


def test_sizes_counts_and_styles_are_not_names(extractor):
    found = mentions(extractor, "我们在 32-GPU 集群上训练 7B-parameter 的 ZQT-Net 模型（160B-token 语料，"
                                "ZQT-style 解码器，10-class 任务），ZQT-Net 的准确率提升 5%。")
    assert "ZQT-Net" in found
    assert not {"32-GPU", "7B-parameter", "160B-token", "ZQT-style", "10-class"} & found.keys()


def test_names_listed_as_baselines_take_the_type_of_a_known_name_among_them(extractor):
    found = mentions(extractor, "在常识推理基准上，该模型与 ZenoLM、OpenELM 等基线持平。")
    assert found["ZenoLM"].type == "Model"
    found = mentions(extractor, "该方法优于 ZenoPO、GRPO 等基线。")
    assert found["ZenoPO"].type == "Method"


def test_simulators_a_system_supports_are_not_benchmarks_it_is_evaluated_on(extractor):
    found = mentions(extractor, "该平台支持主流仿真引擎，包括 MuJoCo、Isaac Sim 和 ManiSkill。")
    assert not {"MuJoCo", "Isaac Sim", "ManiSkill"} & found.keys()
    found = mentions(extractor, "该平台支持主流仿真引擎。我们在 ManiSkill 上评测，成功率提升 12%。")
    assert found["ManiSkill"].type == "Dataset"


def test_a_propose_cue_proposes_the_name_of_its_head_noun_not_its_parts(extractor):
    found = mentions(extractor, "我们提出了一种结合稀疏注意力（ZenAttn-V2）与线性注意力的混合架构（ZenHybrid-SALA），"
                                "在长文本上表现优异。")
    assert found["ZenHybrid-SALA"].proposed
    assert not found["ZenAttn-V2"].proposed


def test_a_new_name_glossing_a_known_concept_is_one_of_its_kind_not_the_concept(extractor):
    found = mentions(extractor, "该模型采用稀疏注意力（ZenAttn-V2）处理长序列，ZenAttn-V2 的速度提升 3 倍。")
    assert "ZenAttn-V2" in found and "稀疏注意力" in found
    assert "稀疏注意力" not in found["ZenAttn-V2"].aliases


def test_a_measure_reported_within_a_value_or_faster_by_one_is_a_metric(extractor):
    found = mentions(extractor, "经评估，配准精度在 2.7 mm 以内。其训练速度比标准 Transformer 模型快 42.3%。")
    assert found["配准精度"].type == "Metric"
    assert "训练速度" in found


def test_an_english_name_glossing_what_the_paper_proposes_is_its_own(extractor):
    found = mentions(extractor, "为此，我们提出了一种统一旋转位置编码 (Unified ZoPE) 方法，用于混合架构。")
    assert found["Unified ZoPE"].type == "Method" and found["Unified ZoPE"].proposed


def test_bold_marks_around_a_name_do_not_hide_the_type_words_beside_it(extractor):
    found = mentions(extractor, "使用覆盖 75 个国家的 **NormZ-ETI** 基准进行评估；与 **ZME-Qwen2VL (2B)**、**ZM-Embed (8B)** 等更大模型相比更高效。")
    assert found["NormZ-ETI"].type == "Dataset"
    assert found["ZM-Embed"].type == "Model"


def test_bold_names_listed_beside_a_data_set_and_bold_factors_of_a_speedup(extractor):
    found = mentions(extractor, "在真实世界数据集 **Z3DV** 和 **ZeetRoom** 上进行了大量实验，实现 **30 倍**加速，PSNR 提升 2 dB。")
    assert found["ZeetRoom"].type == "Dataset"
    assert found["加速比"].type == "Metric"


def test_a_compound_of_known_methods_names_each_of_them(extractor):
    found = mentions(extractor, "我们开发了一个 CNN-Transformer 集成模型，以实现准确、可解释的预测。")
    assert {"CNN", "Transformer"} <= found.keys()


def test_a_bold_innovation_named_with_a_digit_led_word(extractor):
    found = mentions(extractor, "3.  **精简的 4D 高斯表示 (Streamlined 4D Zaussian Representation)**：采用原生 4D 表示高效处理时间动态。",
                     role="innovations")
    assert found["Streamlined 4D Zaussian Representation"].proposed


def test_a_one_word_name_before_the_title_colon_is_the_papers_own(extractor):
    found = mentions(extractor, "我们提出的方法在安全基准上效果显著。", title="Zysformer: Safeguarding Frozen Language Models")
    assert found["Zysformer"].proposed and found["Zysformer"].type == "Method"
    found = mentions(extractor, "本文综述了相关工作。", title="Position: Agents Need Memory")
    assert "Position" not in found


def test_a_results_bullet_headed_by_a_bold_name_reports_on_that_benchmark(extractor):
    found = mentions(extractor, "*   **ZVO-Probes**：将 CLIP 的动词准确率从 **77.6%** 提升至 **82.4%**。\n"
                                "*   **性能差距**：大幅缩小了差距。", role="results")
    assert found["ZVO-Probes"].type == "Dataset"


# The words around a name that say what it is: (sentence, name, type).
TYPED_IN_CONTEXT = {
    "measure word after it": ("我们提出 QZ-CDI 度量，用于识别最佳表示层，实验中 QZ-CDI 提升了 8%。", "QZ-CDI", "Metric"),
    "called so, then its type": ("我们用其微调开源 LLMs，得到名为 ZephChat 的 LLM。评估表明 ZephChat 的准确率提升 9%。",
                                 "ZephChat", "Model"),
    "dash apposition": ("我们构建了 ZUNa——一个经人工标注的多领域叙事数据集，并评测了多种模型。", "ZUNa", "Dataset"),
    "type word right before it": ("我们在真实世界数据集 **Z3DV** 上进行了大量实验，PSNR 提升 2 dB。", "Z3DV", "Dataset"),
    "a measure reported high": ("近期的大语言模型在推理基准测试上报告了很高的准确率。", "准确率", "Metric"),
}


@pytest.mark.parametrize("text, name, type_", TYPED_IN_CONTEXT.values(), ids=TYPED_IN_CONTEXT.keys())
def test_the_words_around_a_name_type_it(extractor, text, name, type_):
    assert mentions(extractor, text)[name].type == type_


def test_alternatives_written_to_be_skipped_to_match_as_their_plain_form():
    from kg.patterns import starting_with

    fast = re.compile(starting_with(("We", "we", "This (?:paper|work)"), r"\w", (["提出"], "所")))
    plain = re.compile(r"(?<!\w)(?:We|we|This (?:paper|work))|(?<!所)提出")
    text = "We show; sowe do, This paper and This works. 我们We 所提出 并提出 This"
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert [m.group() for m in fast.finditer(text)] == ["We", "This paper", "This work", "提出"]


@pytest.mark.parametrize("sentence, described", [
    ("We propose an embodied agent framework, PhysiAgent, tailored to physical environments.", "embodied agent"),
    ("We present an automated construction pipeline, Segment Judge and Generate, for region data.",
     "automated construction"),
])
def test_a_description_before_the_name_it_is_given_is_not_a_name(extractor, sentence, described):
    found = mentions(extractor, sentence)
    assert not any(text.startswith(described) for text in found)
    # without the name after it, the phrase is the paper's own component
    assert mentions(extractor, sentence.split(",")[0] + ".")[described].proposed


def test_a_description_spelled_out_by_its_acronym_stays_the_name(extractor):
    found = mentions(extractor, "We introduce a novel Multi-View State Space Modeling framework, named MV-SSM, for pose.")
    assert "Multi-View State Space Modeling" in found or "MV-SSM" in found
    assert any("Multi-View State Space Modeling" in [m.text, *m.aliases] for m in found.values())


def test_a_word_whose_type_word_makes_a_generic_term_is_no_name(extractor):
    # Foundation模型 is a foundation model, a class of models (GUIDELINES), not one named Foundation
    assert "Foundation" not in mentions(extractor, "利用Foundation模型增强机器人感知与行动能力，在 LIBERO 上验证。")
    assert mentions(extractor, "我们在 CrossBench数据集上评估。")["CrossBench"].type == "Dataset"


@pytest.mark.parametrize("word", ["Together", "Empirically", "Second"])
def test_a_sentence_adverb_before_a_list_of_models_is_no_model(extractor, word):
    found = mentions(extractor, f"{word}, Qwen3-8B and Llama-3.1-8B are evaluated on GSM8K.")
    assert word not in found and found["Qwen3-8B"].type == "Model"


@pytest.mark.parametrize("sentence, name, type_", [
    # a plain word the paper proposes as a kind of thing
    ("基于这些发现，我们提出了 Obliviate，一种高效且轻量的遗忘方法，旨在缓解物体幻觉。", "Obliviate", "Method"),
    ("We present Puffin, a unified camera-centric multimodal model for spatial awareness.", "Puffin", "Model"),
    ("为了应对这些挑战，我们引入了Wanderland，这是一个real-to-sim框架，具有多传感器捕获。", "Wanderland", "Method"),
    # a quoted Chinese term glossed in Title Case, of the kind its English head says
    ("微观上引入“Token 级情感适配器（Token-Level Affective Adapter）”，将情感信号注入声学模型。",
     "Token-Level Affective Adapter", "Method"),
    ("我们还构建了“投毒上下文测试平台（Poisoned Context Testbed）”，用于评估攻击。", "Poisoned Context Testbed", "Dataset"),
])
def test_a_name_the_paper_gives_its_own_is_proposed_and_typed_by_its_kind(extractor, sentence, name, type_):
    found = mentions(extractor, sentence)
    assert found[name].type == type_ and found[name].proposed


def test_a_technique_the_paper_derives_named_in_english_is_its_own(extractor):
    found = mentions(extractor, "我们推导出一个统一策略梯度估计器 (Unified Policy Gradient Estimator)，并将后训练方法表示为其梯度。")
    assert found["Unified Policy Gradient Estimator"].proposed


def test_an_acronym_after_a_method_word_is_a_method_however_it_is_spelled_out(extractor):
    found = mentions(extractor, "提出了多模态交互式情境化辅助框架 MICA (Multimodal Interactive Contextualized Assistance)，"
                                "通过融合眼动注视与视频理解来提供辅助。")
    assert found["MICA"].type == "Method" and found["MICA"].proposed


def test_an_acronym_is_no_model_for_starting_a_model_name_made_of_words(extractor):
    # CAT-Seg is a model; CAT, an architecture the paper proposes, is not one of its family
    found = mentions(extractor, "提出了一种基于纯 Transformer 的全端到端因果音频分词器架构（CAT），并通过大规模数据训练。")
    assert found["CAT"].type == "Method"
    assert mentions(extractor, "我们在 BLIP-7 与 BLIPX-2 上评估。")["BLIPX-2"].type == "Model"


@pytest.mark.parametrize("phrase", ["Five-Stage Taxonomy", "System-Level Lens", "Pareto Stationary Point"])
def test_a_bold_contribution_that_names_a_concept_is_no_method(extractor, phrase):
    found = mentions(extractor, f"*   **新的贡献 ({phrase})**：本文给出了完整的论述。\n*   **层级记忆模块 (Hierarchical Memory Module)**：存储经验。",
                     role="innovations")
    assert phrase not in found and "Hierarchical Memory Module" in found


def test_a_quoted_phenomenon_glossed_in_title_case_is_no_method(extractor):
    found = mentions(extractor, "论文识别了阻碍探索的“浅层探索陷阱”（Shallow Exploration Trap），并加以分析。")
    assert "Shallow Exploration Trap" not in found


def test_an_acronym_that_spells_a_case_sensitive_name_otherwise_is_not_that_name(extractor):
    assert "MIMO" not in mentions(extractor, "该方法还可以应用于其他无线通信场景，例如大规模MIMO和毫米波通信。")
    assert mentions(extractor, "我们在 MiMo-7B 上评估。")["MiMo-7B"].type == "Model"


def test_a_data_set_with_a_count_is_a_data_set_not_a_model_of_that_size(extractor):
    found = mentions(extractor, "我们在 AudioSet-2M 上预训练音频编码器，并与 Qwen3-8B 对比。")
    assert found["AudioSet-2M"].type == "Dataset" and found["Qwen3-8B"].type == "Model"


def test_precision_at_a_threshold_is_a_metric_not_a_data_set(extractor):
    assert mentions(extractor, "实验表明，该方法超越了最先进的方法，AP25提升了10.8。")["AP25"].type == "Metric"


def test_a_propose_verb_inside_another_word_proposes_nothing(extractor):
    assert "Puffin" not in mentions(extractor, "We represent Puffin, a unified camera-centric multimodal model.")


def test_a_known_model_with_a_version_number_is_that_models_next_version(extractor):
    found = mentions(extractor, "We study the embedding space of BioCLIP 2. 我们在 MATH 500 上评测。")
    assert found["BioCLIP 2"].type == "Model"
    assert found["MATH 500"].type == "Dataset"
    assert "Industry 5.0" not in mentions(extractor, "This fits the vision of Industry 5.0.")


def test_a_title_case_phrase_ending_in_benchmark_names_a_data_set(extractor):
    found = mentions(extractor, "It outperforms SIREN on ShapeNet, the Surface Reconstruction Benchmark, and 3D scenes.")
    assert found["Surface Reconstruction Benchmark"].type == "Dataset"
    found = mentions(extractor, "We evaluate on the GSM8K Benchmark.")
    assert "GSM8K Benchmark" not in found and found["GSM8K"].type == "Dataset"  # a known one, with its kind


def test_a_type_word_followed_by_a_name_types_and_proposes_that_name(extractor):
    found = mentions(extractor, "我们扩充了合成基准 PartNet-Mobility，并发布真实到仿真（Real-to-Sim）数据集 RS-Art。")
    assert found["RS-Art"].type == "Dataset" and found["RS-Art"].proposed
    assert "Real-to-Sim" not in found or found["Real-to-Sim"].type != "Dataset"


def test_a_gloss_between_a_propose_cue_and_the_name_adds_no_distance(extractor):
    found = mentions(extractor, "本文构建了一个面向情感支持的角色扮演（Emotionally Supportive Role-Playing, ESRP）"
                                "数据集 ChatAnime，并系统比较了 10 个 LLM。")
    assert found["ChatAnime"].proposed
    found = mentions(extractor, "借助两阶段对齐策略训练出 RSThinker，使模型输出可验证的分析轨迹。")
    assert found["RSThinker"].proposed


def test_an_acronym_that_is_the_whole_title_prefix_is_the_papers_own_though_only_glossed(extractor):
    title = "KRRF: Kinodynamic Rapidly-exploring Random Forest for Multi-Goal Planning"
    found = mentions(extractor, "提出一种近似方法——动力学快速扩展随机森林（KRRF），高效求解多目标规划。", title=title)
    assert found["KRRF"].proposed
    # a domain's abbreviation glossed in the text stays out, even in a longer title prefix
    title = "Intelligent Automation for FDI Facilitation: Tariff Exemption with OCR"
    found = mentions(extractor, "用于自动化外商直接投资（FDI）关税减免流程。", title=title)
    assert "FDI" not in found


def test_a_scheme_is_a_method(extractor):
    found = mentions(extractor, "为实现高效采样，我们提出了特征域聚类 (FDC) 方案来选取最具代表性的数据。")
    assert found["FDC"].type == "Method" and found["FDC"].proposed


def test_bold_marks_between_a_plain_name_and_its_type_word(extractor):
    found = mentions(extractor, "在 **Dycheck** 数据集上，单个视频的重建可在 **10 分钟**内完成。")
    assert found["Dycheck"].type == "Dataset"


def test_a_results_bullet_headed_by_a_chinese_measure_reports_that_metric(extractor):
    text = ("*   **重建耗时**：单个视频的重建可在 **10 分钟**内完成。\n"
            "*   **导航效率**：到达目标所需步数减少 **25%**。")
    found = mentions(extractor, text, role="results")
    assert found["重建耗时"].type == "Metric"
    assert "导航效率" not in found  # efficiency in general is no metric


def test_a_name_others_recently_released_is_not_the_papers_own(extractor):
    found = mentions(extractor, "我们使用多种 LLM (包括最新发布的 Claude 4 模型) 进行基准测试。")
    assert not found["Claude 4"].proposed


def test_the_short_name_a_strategy_is_given_is_the_proposed_one(extractor):
    found = mentions(extractor, "为此，本文进一步提出了一种先采样后传输的 EGS 策略 (简称 STT-GS)，首先采样导频数据。")
    assert found["STT-GS"].proposed and not found["EGS"].proposed


def test_a_special_token_in_square_brackets_is_no_name(extractor):
    found = mentions(extractor, "从 patch 嵌入构建 **[FG]** token 并与全局 [CLS] token 融合。")
    assert "FG" not in found and "CLS" not in found


def test_a_verb_or_adjective_before_a_measure_is_not_part_of_its_name(extractor):
    found = mentions(extractor, "The model achieves extraordinary accuracy and we maximize cross-modal similarity, "
                                "improving results by 12%.")
    assert "extraordinary accuracy" not in found and "maximize cross-modal similarity" not in found
    assert "cross-modal similarity" in found


def test_a_verb_before_a_listed_chinese_measure_is_cut(extractor):
    found = mentions(extractor, "需要利用软件优化技术来提高资源利用率、降低能源消耗。结果显示平移误差降低了 30%。")
    assert "降低能源消耗" not in found and "结果显示平移误差" not in found


def test_two_measures_sharing_their_head_word_are_both_named(extractor):
    found = mentions(extractor, "TransXSSM 的训练和推理速度分别比标准 Transformer 模型快 42.3% 和 29.5%。")
    assert found["训练速度"].type == "Metric" and found["推理速度"].type == "Metric"


def test_a_name_with_a_power_in_latex_is_whole_and_also_known_flat(extractor):
    title = "GRAM-R$^2$: Self-Training Generative Foundation Reward Models"
    found = mentions(extractor, "我们提出 GRAM-R$^2$，一种生成式奖励模型。", title=title)
    assert found["GRAM-R$^2$"].proposed and "GRAM-R2" in found["GRAM-R$^2$"].aliases
    assert "GRAM-R" not in found


def test_a_title_prefix_that_is_a_phrase_proposes_nothing(extractor):
    title = "From LLM-anation to LLM-orchestrator: Coordinating Small Models for Data Labeling"
    found = mentions(extractor, "我们提出 AutoAnnotator，一个多模型协同标注框架。", title=title)
    assert found["AutoAnnotator"].proposed
    assert not any(m.proposed for name, m in found.items() if name.startswith("LLM-"))


@pytest.mark.parametrize("title", ["Modality Bias in LVLMs: Analyzing and Mitigating Object Hallucination",
                                   "Attributes as Textual Genes: Leveraging LLMs as Genetic Algorithm Simulators"])
def test_a_title_prefix_joined_by_in_as_on_or_and_is_a_phrase_not_a_name(extractor, title):
    found = mentions(extractor, "我们提出一种免训练方法，在多个基准上缓解幻觉。", title=title)
    assert not any(" " in name and m.proposed for name, m in found.items())


def test_chinese_measures_listed_before_deng_zhibiao_are_metrics(extractor):
    found = mentions(extractor, "实验中，AutoMat 在结构匹配成功率、形成能均方根误差等指标上显著优于现有方法。"
                                "它在基于 LLM 的评分 (LLM-based scoring) 和人工评估 (human evaluation) 等指标上也更好。")
    assert {name for name, m in found.items() if m.type == "Metric"} >= {
        "结构匹配成功率", "形成能均方根误差", "LLM-based scoring", "human evaluation"}
    assert "人工评估" in found["human evaluation"].aliases
    found = mentions(extractor, "量子模型在累计收益和夏普比率等真实投资指标上不及经典模型。")
    assert found["累计收益"].type == "Metric"


@pytest.mark.parametrize("sentence", ["AVP 模块可能使用了信息增益或互信息等指标来衡量图像区域的帮助程度。",
                                      "边缘部署需平衡延迟和能效等多种性能指标。"])
def test_measures_a_sentence_only_guesses_at_or_weighs_are_not_metrics(extractor, sentence):
    found = mentions(extractor, sentence)
    assert not [name for name, m in found.items() if m.type == "Metric"]


def test_what_a_proposal_names_is_proposed_not_the_kind_after_it(extractor):
    found = mentions(extractor, "我们提出了一种名为 iTACO 的由粗到细（Coarse-to-Fine）框架，从视频中推断关节参数。")
    assert found["iTACO"].proposed
    assert not any(m.proposed for name, m in found.items() if name != "iTACO")


@pytest.mark.parametrize("sentence, acronym", [
    ("我们提出了可微的 STL 规划器 S-MSP（Structured-MoE STL Planner），将相机观测映射为轨迹。", "S-MSP"),
    ("系统包含高层协调器 (High-Level Coordinator, HLC)，用于选择策略。", "HLC")])
def test_an_acronym_spelled_out_as_a_planner_or_coordinator_is_a_method(extractor, sentence, acronym):
    found = mentions(extractor, sentence)
    assert found[acronym].type == "Method" and found[acronym].rule == "acronym"


def test_an_acronym_spelled_out_as_an_architecture_model_is_a_method(extractor):
    found = mentions(extractor, "我们提出了一阶状态空间模型 FSSM（First-order State Space Model），用于图像超分辨率。")
    assert found["FSSM"].type == "Method" and found["FSSM"].proposed


def test_a_learner_is_not_the_learning(extractor):
    assert "少样本学习" not in mentions(extractor, "将 ICL 从少样本学习器拓展到持续学习场景。")
    assert "少样本学习" in mentions(extractor, "我们使用少样本学习提升效果。")


def test_the_parts_a_paper_enumerates_with_english_names_are_its_own(extractor):
    found = mentions(extractor, "该方法包含两个关键组件：1) 世界一致视频扩散 (World-Consistent Video Diffusion)："
                                "联合生成视频；2) 可扩展数据引擎 (Scalable Data Engine)：一条重建流水线。"
                                "系统由两部分组成：(i) 高层协调器 (High-Level Coordinator, HLC)；(ii) 走廊协调器 "
                                "(Corridor Coordinator)。AI 的角色包括 1) 说服者 (AI as a Persuader)。")
    own = {name for name, m in found.items() if m.proposed}
    assert own == {"World-Consistent Video Diffusion", "Scalable Data Engine", "HLC", "Corridor Coordinator"}


def test_names_listed_before_a_count_of_data_sets_are_data_sets(extractor):
    found = mentions(extractor, "在数学推理（GSM8K）、多跳问答（MuSiQue-Ans）和空间推理（SpaRP）三个数据集上，"
                                "该方法均带来一致提升。")
    assert {name: m.type for name, m in found.items()} == {
        "GSM8K": "Dataset", "MuSiQue-Ans": "Dataset", "SpaRP": "Dataset"}


def test_a_measure_said_to_be_on_par_with_a_baseline_is_a_metric(extractor):
    found = mentions(extractor, "该框架无需重新训练，即可取得与经典机器学习基线相当的准确率。")
    assert found["准确率"].type == "Metric"


def test_what_a_known_method_is_extended_into_is_proposed(extractor):
    found = mentions(extractor, "本文将上下文学习（ICL）扩展为上下文持续学习（In-Context Continual Learning, ICCL），"
                                "无需任何参数更新。")
    assert found["ICCL"].proposed and not found["ICL"].proposed


def test_the_acronym_a_bold_contribution_gives_its_chinese_name_is_its_own(extractor):
    found = mentions(extractor, "1.  **脑交互 Transformer（BIT）**：以功能相似的脑体素簇为基本单元建模簇间交互。\n"
                                "2.  **DAS 领域基础模型 (MAEPD)**：构建通用基础模型。",
                     title="Brain-IT: Image Reconstruction from fMRI", role="innovations")
    assert found["BIT"].proposed and found["BIT"].type == "Method"
    assert found["MAEPD"].proposed


def test_an_applications_section_is_not_searched(extractor):
    """It guesses where the work might be used; what it names, the paper did not use."""
    guess = "该方法可应用于 ImageNet 分类和 GRPO 训练的大模型。"
    assert {"ImageNet", "GRPO"} <= set(mentions(extractor, guess, role="abstract"))
    assert not {"ImageNet", "GRPO"} & set(mentions(extractor, guess, role="applications"))


def test_vocabulary_matches_kept_are_those_filter_spans_keeps(extractor):
    """Spans are made only for the matches kept, as spaCy's filter_spans would keep them."""
    from spacy.tokens import Span
    from spacy.util import filter_spans

    from kg.extract import _longest_first

    doc = extractor.nlp.make_doc("GRPO 与 Group Relative Policy Optimization 在 Qwen3-8B 和 AIME 2024 上")
    matches = [(7, 0, 1), (8, 0, 1), (9, 2, 6), (10, 3, 5), (11, 4, 7), (12, 8, 10), (13, 9, 11)]
    expected = filter_spans([Span(doc, start, end, kb_id=match_id) for match_id, start, end in matches])
    assert _longest_first(matches) == [(span.kb_id, span.start, span.end) for span in expected]


@pytest.mark.parametrize("sentence", [
    "我们在 HVDCZ 系统中部署控制器，HVDCZ 系统很稳定，HVDCZ 系统被广泛使用。",  # 在 X 系统中: X only modifies
    "本文提出一种调度环境用于 FJSPZ，FJSPZ 很难，FJSPZ 很常见。",  # 用于 X: for X, a use
])
def test_a_weak_place_word_does_not_make_a_data_set(extractor, sentence):
    found = mentions(extractor, sentence)
    name = next(word for word in ("HVDCZ", "FJSPZ") if word in sentence)
    assert name not in found or found[name].type != "Dataset"


def test_an_acronym_spelled_out_as_something_else_is_not_the_known_term(extractor):
    # LCB is known as LiveCodeBench, a data set
    found = mentions(extractor, "A meta-controller with a Lower Confidence Bound (LCB) policy balances exploration.")
    assert "LCB" not in found or found["LCB"].type != "Dataset"
    assert mentions(extractor, "We evaluate on LiveCodeBench (LCB).")["LCB"].type == "Dataset"
    assert mentions(extractor, "We reason with Chain of Thoughts (CoT).")["CoT"].entity  # a variant is still the term


def test_a_name_of_several_words_from_the_title_is_typed_where_the_text_uses_it(extractor):
    found = mentions(extractor, "我们在 Ascend NPU 上构建了 Pangu Pro MoE，这是一个基于 MoGE 的稀疏模型，总参数量为 720 亿。",
                     title="Pangu Pro MoE: Mixture of Grouped Experts for Efficient Sparsity")
    assert found["Pangu Pro MoE"].type == "Model"


def test_a_known_name_and_a_number_after_it_can_be_another_term(extractor):
    found = mentions(extractor, "It runs 3x faster on RTX4080 GPUs with the MipNeRF 360 dataset.")
    assert [(m.entity, m.type) for m in found.values()] == [(PREFIXES["ent"] + "mip-nerf-360", "Dataset")]


def test_web_addresses_without_their_scheme_name_nothing(extractor):
    found = mentions(extractor, "代码已在 GitHub 公开（yuankaishen2001/CoEmoGen）。项目主页：jingw193.github.io/GRPO-Guard。"
                                "代码见 github.com/Maria-SanVil/O-MaMa。")
    assert found == {}


def test_a_versioned_name_listed_with_its_score_beside_known_models_is_one(extractor):
    found = mentions(extractor, "可用率达 56.1%，高于 SeedEdit 1.6 (38.4%)、GPT4o (37.1%) 和 Gemini 2.0 (30.3%)。")
    assert found["SeedEdit 1.6"].type == "Model"


def test_versions_of_one_name_are_of_one_kind(extractor):
    found = mentions(extractor, "我们推出 SeedEdit 3.0，它与我们的文生图模型配套。其可用率高于 SeedEdit 1.6 (38.4%)、GPT4o (37.1%)。",
                     title="SeedEdit 3.0: Fast and High-Quality Generative Image Editing")
    assert (found["SeedEdit 3.0"].type, found["SeedEdit 3.0"].proposed) == ("Model", True)


def test_what_the_next_clause_calls_a_name_just_introduced_types_it(extractor):
    found = mentions(extractor, "我们提出 Proprio-MLLM，该模型将本体感受信息与位置嵌入相结合。"
                                "我们在 RoboFactory 基准上评估了 GauDP，该基准包括各种多臂操作任务。")
    assert found["Proprio-MLLM"].type == "Model"
    assert "GauDP" not in found or found["GauDP"].type != "Dataset"  # 该基准 is RoboFactory


def test_a_robot_simulator_a_paper_introduces_is_a_benchmark_environment(extractor):
    found = mentions(extractor, "我们提出 DualTHOR，一个具备连续状态转换与应急机制的新型双臂人形机器人模拟器。"
                                "本文提出了 ArchesClimate，一种基于深度学习的气候模型模拟器。")
    assert (found["DualTHOR"].type, found["ArchesClimate"].type) == ("Dataset", "Method")


def test_an_extension_of_a_known_model_is_a_model(extractor):
    found = mentions(extractor, "我们提出 SeqVLA，它是 π0 的完成感知扩展。We present FooBench, an extended version of GSM8K.")
    assert (found["SeqVLA"].type, found["FooBench"].type) == ("Model", "Dataset")


def test_an_acronym_may_end_a_list_of_methods_before_the_clause_goes_on(extractor):
    found = mentions(extractor, "但现有方法如 DDPO 和 DPOK 存在根本局限。我们结合KL散度和MI，动态调整模态的重要性。")
    assert found["DPOK"].type == "Method" and "MI" not in found


def test_a_name_starting_with_a_small_letter_is_listed_beside_data_sets(extractor):
    found = mentions(extractor, "在基准 ImageNet-LT、DomainNet、iWildCam 和 CIFAR100-C 上，该方法持续提升准确率。")
    assert found["iWildCam"].type == "Dataset"


def test_a_venue_with_its_year_is_no_data_set(extractor):
    found = mentions(extractor, "论文已被 IAI 2025（International Conference on Industrial Artificial Intelligence）接收。"
                                "Accepted to COLM 2025. 我们在 AIME 2025 上评估。")
    assert list(found) == ["AIME 2025"]


def test_what_a_title_says_the_paper_works_by_is_its_method_when_the_text_names_it_again(extractor):
    title = "Improving LLM Agent Planning via Atomic Fact Augmentation and Lookahead Search"
    found = mentions(extractor, "我们借助原子事实增强 (atomic fact augmentation) 与递归前瞻搜索 (recursive lookahead search) 增强规划能力。",
                     title=title)
    assert {n: (m.type, m.proposed) for n, m in found.items() if n in ("Atomic Fact Augmentation", "Lookahead Search")} \
        == {"Atomic Fact Augmentation": ("Method", True), "Lookahead Search": ("Method", True)}
    assert "Lookahead Search" not in mentions(extractor, "我们增强规划能力。", title=title)  # named once: a title's words


def test_a_title_means_that_names_an_activity_or_is_worked_with_is_not_proposed(extractor):
    found = mentions(extractor, "We improve grounding via spatial reasoning, trained with episodic memory.",
                     title="Grounded Agents via Spatial Reasoning with Episodic Memory")
    assert "Spatial Reasoning" not in found and not found["Episodic Memory"].proposed


def test_a_function_map_or_encoder_the_paper_introduces_is_its_own(extractor):
    found = mentions(extractor, "Furthermore, we introduce a learnable camera response function to align the dynamic range.")
    assert found["learnable camera response function"].proposed


def test_a_sentence_that_starts_with_a_part_of_the_system_names_the_papers_own_part(extractor):
    found = mentions(extractor, "We align prediction and control. A hierarchical memory mechanism further integrates past "
                                "observations. Our approach encodes complex quantum network dynamics.")
    assert found["hierarchical memory mechanism"].proposed and len(found) == 1


def test_a_name_with_a_digit_inside_takes_its_version(extractor):
    found = mentions(extractor, "我们发布了 Hunyuan3D 2.5——一套强大的 3D 扩散模型（3D diffusion models）。",
                     title="Hunyuan3D 2.5: Towards High-Fidelity 3D Assets Generation")
    assert (found["Hunyuan3D 2.5"].type, found["Hunyuan3D 2.5"].proposed) == ("Model", True)


def test_a_name_glossed_with_its_full_english_name_takes_the_type_the_english_head_gives(extractor):
    found = mentions(extractor, "并采用基于质心的关键组件钓鱼提取器 (Centroid-Based Key Component Phishing Extractor, CAPE) "
                                "在词级别处理 HTML 内容。CAPE 能够降低噪声。")
    assert found["CAPE"].type == "Method"


def test_an_acronym_after_a_list_spells_the_list_not_its_last_item(extractor):
    found = mentions(extractor, "首先引入了一个将人群划分为易感、感染、检测、威胁、康复和死亡（SIDTHE）子人群的分隔模型。")
    assert "死亡" not in found["SIDTHE"].aliases
