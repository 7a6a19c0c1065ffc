namespace AuthApp.Tests.OpenIdConnect;

/// <summary>
/// Test classes whose issuers share the suite's database and so its signing keys: a rotation in one (IssuerAdminTests)
/// must not land while another holds tokens across a minute-long wait (the kubectl refresh test), since a session idle
/// across two rotations must sign in again (decision 0098).
/// </summary>
[CollectionDefinition(nameof(SigningKeyCollection))]
public sealed class SigningKeyCollection;
