"""The credential catalog: schema, loading, queries, name resolution, Open Badges export."""
