from storyline.compare.grouping import groups


def test_groups_join_transitively_and_come_in_the_order_of_their_first_item():
    pairs = {(1, 4), (3, 4), (0, 5)}
    assert groups(6, lambda i, j: (i, j) in pairs) == [[0, 5], [1, 3, 4], [2]]


def test_items_already_grouped_are_not_compared_again():
    asked = []

    def same(i, j):
        asked.append((i, j))
        return True

    assert groups(3, same) == [[0, 1, 2]]
    assert asked == [(0, 1), (0, 2)]
