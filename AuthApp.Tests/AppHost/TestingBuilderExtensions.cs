namespace AuthApp.Tests.AppHost;

/// <summary>Changes a test makes to the AppHost's model before it starts.</summary>
internal static class TestingBuilderExtensions
{
    /// <summary>Sets environment variables of one resource, over what the AppHost gives it.</summary>
    public static void SetEnvironment(this IDistributedApplicationTestingBuilder builder, string resource, params (string Name, string Value)[] variables) =>
        builder.Resources.Single(r => r.Name == resource).Annotations.Add(new EnvironmentCallbackAnnotation(context =>
        {
            foreach (var (name, value) in variables) context.EnvironmentVariables[name] = value;
        }));
}
