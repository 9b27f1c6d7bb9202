namespace ChatKit.Reliability.Tests.Faults;

/// <summary>The failure <see cref="FailingStore"/> throws, as a real store would on a lost disk or connection.</summary>
public sealed class InjectedStoreFault(string operation, int call) : IOException($"Injected store failure in {operation} (call {call}).");
