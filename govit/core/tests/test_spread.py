from govit.core.spread import spread


def test_entries_made_together_expire_apart():
    keys = [f"govit:dashboard:scope-{n}" for n in range(100)]
    early = [spread(key, 300) for key in keys]
    assert all(0 <= seconds <= 60 for seconds in early)  # up to a fifth of the lifetime
    assert len(set(early)) > 40


def test_a_key_always_gets_the_same_spread():
    assert spread("govit:actions:7", 300) == spread("govit:actions:7", 300)


def test_short_lifetimes_are_not_spread():
    assert {spread(f"key-{n}", 4) for n in range(50)} == {0}
