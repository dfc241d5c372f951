using RepitBot.Testing;

namespace RepitBot.Deployment.Tests;

/// <summary>
/// The Debian-packaged programs the native topology runs (scripts/test.sh installs them when missing as root): the
/// same servers the images use, so the repository's configuration files are tried for real.
/// </summary>
internal static class Tools
{
    /// <summary>Debian's nginx, or the one REPITBOT_TEST_NGINX names (to try the gateway on another version).</summary>
    public static string Nginx =>
        Environment.GetEnvironmentVariable("REPITBOT_TEST_NGINX") is { Length: > 0 } chosen ? chosen
        : File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx"
        : ServerBinaries.Find("nginx");

    public static string Prometheus => ServerBinaries.Find("prometheus");

    public static string Promtool => ServerBinaries.Find("promtool");

    public static string PostgresExporter => ServerBinaries.Find("prometheus-postgres-exporter");

    public static string RedisExporter => ServerBinaries.Find("prometheus-redis-exporter");

    public static string NginxExporter => ServerBinaries.Find("prometheus-nginx-exporter");

    public static string Amtool => ServerBinaries.Find("amtool");

    public static string DockerCompose => ServerBinaries.Find("docker-compose");

    public static string Shellcheck => ServerBinaries.Find("shellcheck");

    public static string Envsubst => ServerBinaries.Find("envsubst");

    public static string Unshare => ServerBinaries.Find("unshare");

    public static string Ss => ServerBinaries.Find("ss");

    public static string Psql => ServerBinaries.Find("psql", "/usr/lib/postgresql");

    /// <summary>The folder of PostgreSQL's client programs (pg_dump, pg_restore, psql) of the installed version.</summary>
    public static string PostgresBin => Path.GetDirectoryName(ServerBinaries.Find("pg_dump", "/usr/lib/postgresql"))!;
}
