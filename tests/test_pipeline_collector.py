"""An ingest runs the cyclic garbage collector less often, and leaves the process's collector as it found it."""

import gc

from storyline import pipeline
from storyline.model import Article
from storyline.pipeline import GC_YOUNG_THRESHOLD, Pipeline
from storyline.store import open_store

TEXTS = (
    "The harbour board voted on Tuesday to close the old ferry quay for repairs, its chairwoman said.\n"
    "Work on the quay will start in March and last about six weeks.",
    "Farmers in the valley said the late frost had cost them half of this year's apple harvest.\n"
    "\"We have not seen a May like this in twenty years,\" said Tomas Berg, who grows apples near the river.",
)


def test_an_ingest_collects_young_objects_rarely_and_restores_the_collector(tmp_path):
    before = gc.get_threshold(), gc.get_freeze_count()
    during = []
    with open_store(tmp_path / "store.db") as store:
        report = Pipeline(store).add(
            (Article(text, source=f"paper {n}") for n, text in enumerate(TEXTS)),
            on_article=lambda _: during.append((gc.get_threshold(), gc.get_freeze_count())))
    assert report.stored == len(TEXTS)
    # Read while the articles were read, inside the ingest: the objects alive at its start are frozen.
    assert all(threshold[0] == GC_YOUNG_THRESHOLD and frozen > 0 for threshold, frozen in during)
    assert (gc.get_threshold(), gc.get_freeze_count()) == before


def test_a_batch_analysed_for_a_worker_collects_young_objects_rarely_and_restores_the_collector(monkeypatch):
    before = gc.get_threshold(), gc.get_freeze_count()
    during = []
    analyse = pipeline.analyse

    def analysed(article, doc):
        during.append((gc.get_threshold(), gc.get_freeze_count()))
        return analyse(article, doc)

    monkeypatch.setattr(pipeline, "analyse", analysed)
    analysed_batch = pipeline.analyse_batch([Article(text, source=f"paper {n}") for n, text in enumerate(TEXTS)],
                                            keep_docs=False)
    assert [item.article.text for item in analysed_batch] == [Article(text).text for text in TEXTS]
    assert len(during) == len(TEXTS)
    assert all(threshold[0] == GC_YOUNG_THRESHOLD and frozen > 0 for threshold, frozen in during)
    assert (gc.get_threshold(), gc.get_freeze_count()) == before



def test_the_first_of_two_overlapping_ingests_to_end_leaves_the_other_s_collector_as_set():
    # Two ingests in a server's threads share the process's collector: the first to end must not unfreeze the
    # objects the other relies on being left out, nor restore the default threshold under it.
    before = gc.get_threshold(), gc.get_freeze_count()
    first, second = pipeline._collecting_rarely(), pipeline._collecting_rarely()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    assert gc.get_threshold()[0] == GC_YOUNG_THRESHOLD and gc.get_freeze_count() > 0
    second.__exit__(None, None, None)
    assert (gc.get_threshold(), gc.get_freeze_count()) == before
