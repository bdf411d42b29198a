using Postmeter.Storage.Tests.Support;

namespace Postmeter.Storage.Tests;

// The store contract suite (the abstract classes: what every IWorkspaceStore must do), run against the SQLite store.
// A second store adds a line per class with its own IStoreImplementation; the SQLite-only tests (the file, its
// schema, locking, retention's SQL) stay in their own classes.

public sealed class SqliteImportStateTests() : ImportStateTests(new SqliteStores());

public sealed class SqliteInFlightReplayTests() : InFlightReplayTests(new SqliteStores());

public sealed class SqliteLineStatisticsTests() : LineStatisticsTests(new SqliteStores());

public sealed class SqliteRangeTests() : RangeTests(new SqliteStores());

public sealed class SqliteRollupTests() : RollupTests(new SqliteStores());

public sealed class SqliteRoundTripTests() : RoundTripTests(new SqliteStores());

public sealed class SqliteDashboardQueryTests() : DashboardQueryTests(new SqliteStores());

public sealed class SqliteDetectiveQueryTests() : DetectiveQueryTests(new SqliteStores());

public sealed class SqliteTopListTests() : TopListTests(new SqliteStores());
