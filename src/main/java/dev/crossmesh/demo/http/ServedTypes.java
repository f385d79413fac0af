package dev.crossmesh.demo.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.crossmesh.demo.apiserver.BuiltInResources;
import dev.crossmesh.demo.apiserver.ResourceType;
import dev.crossmesh.demo.fields.SchemaType;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;

/** The resources a demo cluster serves now: the built-in ones and every served version of its CRDs. */
public final class ServedTypes {
    private ServedTypes() {
    }

    public static List<ResourceType> of(List<CustomResourceDefinition> crds) {
        List<ResourceType> all = new ArrayList<>(BuiltInResources.all());
        for (CustomResourceDefinition crd : crds) {
            var spec = crd.getSpec();
            if (spec == null || spec.getVersions() == null || spec.getNames() == null) {
                continue;
            }
            for (CustomResourceDefinitionVersion v : spec.getVersions()) {
                if (!Boolean.TRUE.equals(v.getServed())) {
                    continue;
                }
                List<ResourceType.PrinterColumn> columns = new ArrayList<>();
                if (v.getAdditionalPrinterColumns() != null) {
                    for (CustomResourceColumnDefinition c : v.getAdditionalPrinterColumns()) {
                        columns.add(new ResourceType.PrinterColumn(c.getName(), c.getType(), c.getJsonPath(),
                                c.getDescription() == null ? "" : c.getDescription(), c.getPriority() == null ? 0 : c.getPriority()));
                    }
                }
                var names = spec.getNames();
                all.add(new ResourceType(spec.getGroup(), v.getName(), names.getPlural(), names.getKind(), "Namespaced".equals(spec.getScope()),
                        names.getShortNames() == null ? List.of() : names.getShortNames(),
                        names.getCategories() == null ? List.of() : names.getCategories(), ResourceType.ALL_VERBS,
                        v.getSubresources() != null && v.getSubresources().getStatus() != null,
                        v.getSubresources() != null && v.getSubresources().getScale() != null, SchemaType.Untyped.INSTANCE, null, columns));
            }
        }
        return all;
    }

    /** The type served at a group, version and plural; built-ins answer at any version their group serves (v1). */
    public static Optional<ResourceType> find(List<ResourceType> types, String group, String version, String plural) {
        return types.stream().filter(t -> t.group().equals(group) && t.version().equals(version) && t.plural().equals(plural)).findFirst();
    }

    /** Whether a group is one of the built-in ones, whose resources are all known without reading CRDs. */
    public static boolean builtInGroup(String group) {
        return BuiltInResources.all().stream().anyMatch(t -> t.group().equals(group));
    }
}
