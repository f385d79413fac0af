package dev.crossmesh.plan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/** Writes a plan in the documented key order, every key present, so files diff well and read back equal. */
public final class PlanWriter {
    private PlanWriter() {
    }

    public static String toYaml(MeshPlan plan) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("meshId", plan.meshId());
        root.put("trustDomain", plan.trustDomain());
        Map<String, Object> istio = new LinkedHashMap<>();
        istio.put("flavor", plan.istio().flavor().yamlName());
        istio.put("version", plan.istio().version());
        istio.put("revision", plan.istio().revision());
        root.put("istio", istio);
        root.put("topology", plan.topology().yamlName());
        root.put("ca", plan.ca().yamlName());
        Map<String, Object> gateway = new LinkedHashMap<>();
        gateway.put("serviceType", plan.gateway().serviceType().yamlName());
        gateway.put("annotations", new LinkedHashMap<>(plan.gateway().annotations()));
        root.put("gateway", gateway);
        List<Object> clusters = new ArrayList<>();
        for (ClusterSpec c : plan.clusters()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", c.name());
            entry.put("context", c.context());
            entry.put("network", c.network());
            entry.put("region", c.region());
            entry.put("role", c.role().yamlName());
            entry.put("apiServer", c.apiServer());
            if (!c.tlsServerName().isEmpty()) {
                entry.put("tlsServerName", c.tlsServerName());
            }
            clusters.add(entry);
        }
        root.put("clusters", clusters);
        if (!plan.verify().equals(VerifySpec.defaults())) {
            root.put("verify", Map.of("imageRegistry", plan.verify().imageRegistry()));
        }

        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setWidth(200);
        return "# crossmesh plan: edit here or in the wizard, check with `crossmesh validate --plan FILE`\n"
                + new Yaml(options).dump(root);
    }

    /** Writes atomically so that a crash never leaves a half-written plan behind. */
    public static void write(MeshPlan plan, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".plan-", ".yaml.tmp");
        try {
            Files.writeString(tmp, toYaml(plan), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
