namespace Projects;

/// <summary>
/// Names this AppHost for the testing builder, as Aspire's generated <c>Projects.AuthApp_AppHost</c> does:
/// <c>DistributedApplicationTestingBuilder.CreateAsync&lt;Projects.AuthApp_AppHost&gt;()</c>.
/// </summary>
public sealed class AuthApp_AppHost;
