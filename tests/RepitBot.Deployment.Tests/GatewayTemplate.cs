using System.Text.RegularExpressions;
using RepitBot.Testing;

namespace RepitBot.Deployment.Tests;

/// <summary>
/// The gateway's template rendered as the official nginx image renders it (envsubst of the variables the environment
/// defines, nothing else), and a main configuration that includes it inside http {} as the image's nginx.conf does.
/// </summary>
internal static partial class GatewayTemplate
{
    /// <summary>The first open-source nginx that re-resolves an upstream's names (`server name resolve`).</summary>
    public static Version FirstResolvingVersion { get; } = new(1, 27, 3);

    public static string TemplatePath => Repository.PathOf("docker", "nginx", "templates", "default.conf.template");

    /// <summary>Renders the template into <paramref name="folder"/> and returns the main configuration file's path.</summary>
    public static async Task<string> RenderAsync(string folder, IReadOnlyDictionary<string, string> variables, CancellationToken cancellationToken = default)
    {
        var rendered = Path.Combine(folder, "default.conf");
        var shellFormat = string.Join(' ', variables.Keys.Select(name => "${" + name + "}"));
        var script = $"exec \"$0\" '{shellFormat}' < '{TemplatePath}' > '{rendered}'";
        var environment = variables.ToDictionary(pair => pair.Key, pair => (string?)pair.Value);
        using (var render = ServerProcess.Start("bash", ["-c", script, Tools.Envsubst], environment, folder))
        {
            var exitCode = await render.WaitForExitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"envsubst failed: {render.Output}");
            }
        }

        var main = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(
            main,
            $$"""
            daemon off;
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log stderr warn;
            events { worker_connections 512; }
            http {
                include /etc/nginx/mime.types;
                default_type application/octet-stream;
                client_body_temp_path {{folder}}/client_body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                include {{rendered}};
            }
            """,
            cancellationToken);
        return main;
    }

    /// <summary>
    /// The value of UPSTREAM_RESOLVE for <paramref name="nginx"/>: "resolve" (as compose sets it) where that nginx can
    /// re-resolve the services' names, empty on an older one (Debian 12's 1.22), which would refuse the word.
    /// </summary>
    public static async Task<string> UpstreamResolveAsync(string nginx, CancellationToken cancellationToken = default)
    {
        var output = await ServerProcess.RunAsync(nginx, ["-v"], cancellationToken: cancellationToken);
        var match = NginxVersion().Match(output);
        if (!match.Success)
        {
            throw new InvalidOperationException($"No version in what {nginx} -v printed: {output}");
        }

        var version = Version.Parse(match.Groups[1].Value);
        return version >= FirstResolvingVersion ? "resolve" : string.Empty;
    }

    [GeneratedRegex(@"nginx/(\d+\.\d+\.\d+)")]
    private static partial Regex NginxVersion();
}
