using AuthApp.Hosting.ApplicationModel;
using AuthApp.Hosting.Resources;
using AuthApp.Hosting.Runtime;

namespace AuthApp.Hosting.Orchestration;

/// <summary>
/// The orchestrator's own summary lines: each project's URLs (external ones first), non-secret parameter values,
/// where the generated secrets are kept (never the secrets themselves), and the state directory.
/// </summary>
internal sealed class ModelSummaryLines(DistributedApplicationModel model, ResourceNotificationService notifications, StateDirectory state)
    : ISummaryLineProvider
{
    public IEnumerable<SummaryLine> GetSummaryLines()
    {
        var projects = model.Resources.OfType<ProjectResource>()
            .Where(p => notifications.Current.GetValueOrDefault(p.Name)?.State == KnownResourceStates.Running)
            .OrderByDescending(p => p.Annotations.OfType<EndpointAnnotation>().Any(e => e.IsExternal));
        foreach (var project in projects)
        {
            var urls = notifications.Current[project.Name].Urls;
            var main = urls.FirstOrDefault(u => u.Name is "http" or "https");
            if (main is null)
            {
                continue;
            }

            var extras = urls.Where(u => u != main && u.Name is not ("http" or "https")).Select(u => $"{u.Name}: {u.Url}");
            var text = string.Join("   ", extras.Prepend(main.Url));
            yield return new SummaryLine(10, project.Name, text);
        }

        var parameters = model.Resources.OfType<ParameterResource>().Where(p => p.HasValue).ToList();
        foreach (var parameter in parameters.Where(p => !p.Secret))
        {
            yield return new SummaryLine(50, parameter.Name, parameter.Value);
        }

        var secrets = parameters.Where(p => p.Secret && !p.IsAutoCreated).Select(p => p.Name).ToList();
        if (secrets.Count > 0)
        {
            var file = Path.Combine(state.Path, ParameterStore.FileName);
            yield return new SummaryLine(51, "secrets", $"{string.Join(", ", secrets)}: see {file} (owner-only), or set Parameters:<name>");
        }

        yield return new SummaryLine(90, "state", $"{state.Path} (delete it to reset all local data)");
    }
}
