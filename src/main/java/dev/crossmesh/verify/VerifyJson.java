package dev.crossmesh.verify;

import java.util.List;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import dev.crossmesh.status.StatusJson;
import dev.crossmesh.status.StatusJson.JsonFinding;

/**
 * The JSON of {@code crossmesh verify --json}. Scripts rely on this shape: {@code {"meshId", "requests", "results":
 * [{"from", "answeredBy": {"<cluster>": <count>}, "failed", "errors"}], "verdict", "findings": [{"severity", "code",
 * "cluster", "message"}]}}; a finding about the whole mesh has {@code "cluster": null}.
 */
public final class VerifyJson {
    private static final Gson PRETTY = new GsonBuilder().serializeNulls().disableHtmlEscaping().setPrettyPrinting().create();

    record Report(String meshId, int requests, List<Result> results, String verdict, List<JsonFinding> findings) {
    }

    record Result(String from, Map<String, Integer> answeredBy, int failed, List<String> errors) {
    }

    private VerifyJson() {
    }

    public static String pretty(VerifyReport report) {
        List<Result> results = report.results().stream().map(r -> new Result(r.from(), r.answeredBy(), r.failed(), r.errors())).toList();
        List<JsonFinding> findings = report.findings().stream().map(StatusJson::finding).toList();
        return PRETTY.toJson(new Report(report.meshId(), report.requests(), results, report.verdict().label(), findings));
    }
}
