package com.tradesense.marketdata.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * terraform/ parsed by @cdktf/hcl2json (ops-tests/node; terraform itself is not installable here): it is
 * valid HCL and declares the cloud the issue asks for.
 */
class TerraformTest {
    private static final Path NODE_DIR = Repo.path("ops-tests/node");
    /** resource type -> name -> first block */
    private static final Map<String, Map<String, JsonNode>> RESOURCES = new HashMap<>();
    private static final Map<String, JsonNode> VARIABLES = new HashMap<>();
    private static final Map<String, JsonNode> OUTPUTS = new HashMap<>();

    @BeforeAll
    static void parse() throws Exception {
        if (!Files.isDirectory(NODE_DIR.resolve("node_modules/@cdktf/hcl2json"))) {
            run(NODE_DIR, 300, "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
        }
        String json = run(NODE_DIR, 120, "node", "hcl2json.mjs", Repo.path("terraform").toString());
        JsonNode files = new ObjectMapper().readTree(json);
        assertThat(files.size()).isGreaterThanOrEqualTo(8);
        for (Iterator<Map.Entry<String, JsonNode>> f = files.fields(); f.hasNext(); ) {
            JsonNode file = f.next().getValue();
            file.path("resource").fields().forEachRemaining(type -> type.getValue().fields().forEachRemaining(named ->
                    RESOURCES.computeIfAbsent(type.getKey(), k -> new HashMap<>()).put(named.getKey(), named.getValue().get(0))));
            file.path("variable").fields().forEachRemaining(v -> VARIABLES.put(v.getKey(), v.getValue().get(0)));
            file.path("output").fields().forEachRemaining(o -> OUTPUTS.put(o.getKey(), o.getValue().get(0)));
        }
    }

    private static String run(Path dir, int seconds, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes());
        assertThat(p.waitFor(seconds, TimeUnit.SECONDS)).as("%s finished", String.join(" ", command)).isTrue();
        assertThat(p.exitValue()).as("%s: %s", String.join(" ", command), err).isZero();
        return new String(out);
    }

    private static JsonNode resource(String type, String name) {
        JsonNode r = RESOURCES.getOrDefault(type, Map.of()).get(name);
        assertThat(r).as("resource %s.%s", type, name).isNotNull();
        return r;
    }

    @Test
    void eksClusterWithANodeGroup() {
        assertThat(resource("aws_eks_cluster", "main").path("version").asText()).isEqualTo("${var.kubernetes_version}");
        JsonNode ng = resource("aws_eks_node_group", "main");
        assertThat(ng.path("scaling_config").get(0).path("min_size").asText()).isEqualTo("${var.node_min_size}");
        assertThat(RESOURCES.get("aws_subnet")).containsKeys("private", "public");
    }

    @Test
    void elastiCacheRedisInClusterModeWithFailover() {
        JsonNode redis = resource("aws_elasticache_replication_group", "redis");
        assertThat(redis.path("num_node_groups").asText()).isEqualTo("${var.redis_shards}");
        assertThat(redis.path("automatic_failover_enabled").asBoolean()).isTrue();
        assertThat(redis.path("multi_az_enabled").asBoolean()).isTrue();
        assertThat(redis.path("transit_encryption_enabled").asBoolean()).isTrue();
        JsonNode params = resource("aws_elasticache_parameter_group", "redis");
        assertThat(params.path("parameter").toString()).contains("\"cluster-enabled\"", "\"yes\"");
        assertThat(VARIABLES.get("redis_shards").path("default").asInt()).isGreaterThan(1);
    }

    @Test
    void rdsPostgresMultiAzWithBackups() {
        JsonNode pg = resource("aws_db_instance", "postgres");
        assertThat(pg.path("engine").asText()).isEqualTo("postgres");
        assertThat(pg.path("multi_az").asBoolean()).isTrue();
        assertThat(pg.path("storage_encrypted").asBoolean()).isTrue();
        assertThat(pg.path("deletion_protection").asBoolean()).isTrue();
        assertThat(pg.path("backup_retention_period").asText()).isEqualTo("${var.postgres_backup_retention_days}");
        assertThat(VARIABLES.get("postgres_backup_retention_days").path("default").asInt()).isGreaterThanOrEqualTo(7);
        assertThat(pg.path("backup_window").asText()).isNotBlank();
        resource("aws_db_instance_automated_backups_replication", "postgres");
    }

    @Test
    void s3BackupBucketVersionedEncryptedPrivateAndReplicated() {
        resource("aws_s3_bucket", "backups");
        assertThat(resource("aws_s3_bucket_versioning", "backups").toString()).contains("Enabled");
        resource("aws_s3_bucket_server_side_encryption_configuration", "backups");
        JsonNode block = resource("aws_s3_bucket_public_access_block", "backups");
        assertThat(block.path("block_public_acls").asBoolean()).isTrue();
        assertThat(block.path("restrict_public_buckets").asBoolean()).isTrue();
        resource("aws_s3_bucket_lifecycle_configuration", "backups");
        resource("aws_s3_bucket_replication_configuration", "backups");
    }

    @Test
    void certificateAndDns() {
        assertThat(resource("aws_acm_certificate", "api").path("validation_method").asText()).isEqualTo("DNS");
        resource("aws_acm_certificate_validation", "api");
        resource("aws_route53_record", "api_validation");
        resource("aws_route53_record", "api");
    }

    @Test
    void variablesAreDescribedAndOutputsGiveWhatK8sNeeds() {
        assertThat(VARIABLES).containsKeys("environment", "region", "redis_node_type", "postgres_instance_class", "domain_name");
        VARIABLES.forEach((name, v) -> assertThat(v.path("description").asText()).as("description of variable %s", name).isNotBlank());
        assertThat(OUTPUTS).containsKeys("cluster_name", "redis_configuration_endpoint", "postgres_endpoint",
                "backup_bucket", "certificate_arn", "api_fqdn");
        OUTPUTS.forEach((name, o) -> assertThat(o.path("value").asText()).as("value of output %s", name).isNotBlank());
    }
}
