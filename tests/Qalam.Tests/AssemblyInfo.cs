// Test apps on SQLite and PostgreSQL are cheap but not free; two at a time suits the 2-core machines we run on.
[assembly: CollectionBehavior(MaxParallelThreads = 2)]
