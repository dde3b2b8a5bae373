"""``govit generate``: fill a database with a realistic, consistent portfolio for benchmarks.

The data goes straight into the tables with ``bulk_create`` in batches: it bypasses the
services on purpose (no per-row ``save()``, no audit events, no policy checks), because a
province's portfolio must load in minutes. The facts are still consistent: each project walks
its rulebook's state graph from ``draft`` to the state it is left in, and every step records
what the lifecycle service would (``govit.projects.services.effects.step_effects``), plus the
records a project in that state has (approval, contract, payments, acceptance, evaluation).
"""
