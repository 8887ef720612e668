namespace Cake.FabulAWS.Configuration;

/// <summary>
/// The keys <c>fabulaws-config.yml</c> may have. <c>fabulaws-config.example.yml</c> and
/// <c>fabulaws-config.schema.json</c> list the same keys; a test keeps the three in step.
/// </summary>
internal static class KnownKeys
{
    public static readonly IReadOnlyList<string> Root =
    [
        "deployments", "default_deployment", "environments", "production_environments", "branches",
        "region", "aws_profile", "endpoint_urls", "avail_zones", "subnets", "security_groups", "instance_types",
        "auto_scaling_groups", "load_balancers", "target_groups", "launch_type", "launch_templates",
        "instance_settings", "deploy_user", "ec2_attr_for_ssh", "ssh_key", "ssh_port", "known_hosts",
        "connect_timeout", "command_timeout", "password_names", "static_html", "static_root",
        "web_role", "worker_role", "provision_commands", "deploy_worker_commands", "timeouts",
        "code_root", "code_source", "bake_secrets", "keep_releases", "serial", "smoke_check", "web_port", "keep_previous",
        "servers", "role_provision_commands", "group_settings",
    ];

    /// <summary>Top-level keys of FabulAWS's own file that Cake.FabulAWS ignores (with a warning), so such a file loads.</summary>
    public static readonly IReadOnlyCollection<string> FabulAwsOnlyRoot = new HashSet<string>(StringComparer.Ordinal)
    {
        "app_server_packages", "awslogs_access_key_id", "backup_key_fingerprint", "basic_auth_password",
        "basic_auth_username", "celery_workers", "database_host", "database_user", "db_settings",
        "disable_known_hosts", "extra_log_files", "gelf_log_host", "gunicorn_timeout", "gunicorn_worker_class",
        "gunicorn_worker_multiplier", "home", "latest_changeset_cmd", "less_version", "localsettings_template",
        "log_host", "logstash_config", "pgbouncer_port", "project", "python", "repo", "requirements_file",
        "requirements_sdists", "server_ports", "settings_managepy", "site_domains_map", "ssh_keys",
        "static_hosting", "syslog_server", "use_basic_auth", "valid_roles", "vcs_cmd", "volume_sizes",
        "volume_types", "webserver_user", "wsgi_app",
    };

    public static readonly IReadOnlyList<string> InstanceSettings = ["ami", "key_prefix", "key_name"];

    /// <summary><c>instance_settings</c> keys of FabulAWS that Cake.FabulAWS ignores (with a warning).</summary>
    public static readonly IReadOnlyCollection<string> FabulAwsOnlyInstanceSettings = new HashSet<string>(StringComparer.Ordinal)
    {
        "admin_groups", "fs_encrypt", "fs_type", "run_upgrade", "secure_home", "secure_root",
        "swap_multiplier", "ubuntu_mirror",
    };

    public static readonly IReadOnlyList<string> StaticHtml = ["upgrade_message", "healthcheck_override"];

    public static readonly IReadOnlyList<string> Timeouts =
    [
        "instance_running", "ssh_ready", "image_available", "instances_in_service", "instance_healthy",
        "instance_drained", "deploy", "poll_interval_ms", "lock_settle_ms", "lock_lease",
    ];

    public static readonly IReadOnlyList<string> Serial = ["strategy", "batch_size", "max_surge_percent"];

    public static readonly IReadOnlyList<string> SmokeCheck = ["path", "status", "contains", "url"];

    public static readonly IReadOnlyList<string> GroupSettings = ["min_size", "max_size", "desired_capacity", "health_check_type", "health_check_grace_period"];

    /// <summary>Top-level keys that take one value or a map <c>{environment: value}</c> (see <c>Sections.PerEnvironment</c>).</summary>
    public static readonly IReadOnlyList<string> PerEnvironment = ["aws_profile", "deploy_user", "ec2_attr_for_ssh", "ssh_key", "ssh_port", "known_hosts", "web_port", "keep_previous"];

    public static readonly IReadOnlyList<string> SshAddressAttributes =
        ["private_ip_address", "ip_address", "public_dns_name", "private_dns_name"];

    public static readonly IReadOnlyList<string> LaunchTypes = ["launch_template", "launch_configuration"];

    public static readonly IReadOnlyCollection<string> None = [];
}
