"""The labels of the English model's entities that name something (people, organisations, places, facilities,
groups, products, events, laws, works), as opposed to its dates, times, amounts and counts. One list, so the
stages that read names (NER fixes, mentions, story features, framing) agree on what a name is."""

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT", "LAW", "WORK_OF_ART"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
