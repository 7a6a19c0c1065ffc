namespace AuthApp.Tests.Reliability;

/// <summary>Who calls an endpoint in the sweep: the credentials a well-formed request would carry.</summary>
public enum SweepCaller { Anonymous, User, Admin, Client }

/// <summary>Where an endpoint's fields travel.</summary>
public enum SweepBody { None, Json, Form, Query }

/// <summary>What a field holds, so the sweep knows which wrong types to send.</summary>
public enum SweepFieldKind { Text, TextList, Number, Date }

/// <summary>
/// One field and a valid value for it ("@email" and "@password" become fresh ones). Secret fields get a marker
/// the answer must never contain (S17).
/// </summary>
public sealed record SweepField(string Name, string Valid, SweepFieldKind Kind = SweepFieldKind.Text, bool Secret = false);

/// <summary>
/// One endpoint of the sweep. <see cref="Path"/> may hold <c>{victim}</c> (an existing ordinary user) and
/// <c>{session}</c> (a route value the sweep also attacks). <see cref="OAuthErrors"/>: the token endpoints answer
/// RFC 6749 errors instead of problem details.
/// </summary>
public sealed record SweepEndpoint(
    string Name, string Method, string Path, SweepCaller Caller, SweepBody Body, IReadOnlyList<SweepField> Fields, bool OAuthErrors = false)
{
    public override string ToString() => Name;
}
