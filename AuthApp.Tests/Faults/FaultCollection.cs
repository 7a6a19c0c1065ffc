namespace AuthApp.Tests.Faults;

/// <summary>Fault tests run one after another: each loads the 2-core CI machine and asserts time bounds.</summary>
[CollectionDefinition(nameof(FaultCollection))]
public sealed class FaultCollection;
