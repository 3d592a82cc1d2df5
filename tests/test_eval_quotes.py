import pytest

from conftest import ROOT, load_eval_script

POLNEAR = ROOT.parent / "shared" / "data" / "polnear"


def test_parts_are_polnear_train_for_tuning_and_dev_for_reporting(tmp_path):
    evaluation = load_eval_script("quotes")
    for split in ("train", "dev"):
        (tmp_path / "data" / split).mkdir(parents=True)
    assert evaluation.part_dirs(tmp_path, "report") == ([tmp_path / "data" / "dev"], "reporting part (dev)")
    assert evaluation.part_dirs(tmp_path, "tune") == ([tmp_path / "data" / "train"], "tuning part (train)")
    assert len(evaluation.part_dirs(tmp_path, "all")[0]) == 2
    plain = tmp_path / "data" / "dev"
    assert evaluation.part_dirs(plain, "report") == ([plain], f"every annotated text under {plain}")


@pytest.mark.slow
def test_attributions_on_the_reporting_part_polnear_dev():
    if not POLNEAR.is_dir():
        pytest.skip("../shared/data/polnear is not available")
    evaluation = load_eval_script("quotes")
    directories, _ = evaluation.part_dirs(POLNEAR, "report")
    documents = [d for directory in directories for d in evaluation.read_corpus(directory)]
    figures = evaluation.score(documents, list(evaluation.predict(documents)))
    assert figures["documents"] == 84
    # Measured 0.903, 0.707 and 0.916 when dev became the reporting part.
    assert figures["direct_overlap"]["f1"] >= 0.89
    assert figures["all_overlap"]["f1"] >= 0.69
    assert figures["speaker_accuracy"] >= 0.90
