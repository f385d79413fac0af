package dev.crossmesh.demo.traffic;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * What a command run through the exec API printed and how it ended, and the same as the messages of the
 * {@code v4.channel.k8s.io} WebSocket protocol: each message starts with its channel (1 stdout, 2 stderr, 3 the
 * final {@code Status}), as the kubelet streams them.
 *
 * @param command  what was asked to run
 * @param exitCode the command's exit code; {@link #NOT_RUN} when the API server refused to run it ({@link #failure})
 * @param failure  why it did not run (a {@code Status} message), or ""
 */
public record ExecResult(List<String> command, String stdout, String stderr, int exitCode, String failure) {
    public static final int NOT_RUN = -1;

    public ExecResult {
        command = List.copyOf(command);
    }

    static ExecResult ran(List<String> command, String stdout, String stderr, int exitCode) {
        return new ExecResult(command, stdout, stderr, exitCode, "");
    }

    static ExecResult refused(List<String> command, String message) {
        return new ExecResult(command, "", "", NOT_RUN, message);
    }

    /** The WebSocket messages, in order; the connection is closed after the last. */
    public List<byte[]> channelMessages() {
        List<byte[]> messages = new ArrayList<>();
        if (!stdout.isEmpty()) {
            messages.add(message(1, stdout));
        }
        if (!stderr.isEmpty()) {
            messages.add(message(2, stderr));
        }
        messages.add(message(3, Serialization.asJson(status())));
        return messages;
    }

    private Map<String, Object> status() {
        if (!failure.isEmpty()) {
            return Map.of("metadata", Map.of(), "status", "Failure", "message", failure, "reason", "InternalError", "code", 500);
        }
        if (exitCode == 0) {
            return Map.of("metadata", Map.of(), "status", "Success");
        }
        return Map.of("metadata", Map.of(), "status", "Failure",
                "message", "command terminated with non-zero exit code: error executing command " + command + ", exit code " + exitCode,
                "reason", "NonZeroExitCode",
                "details", Map.of("causes", List.of(Map.of("reason", "ExitCode", "message", String.valueOf(exitCode)))));
    }

    private static byte[] message(int channel, String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[body.length + 1];
        message[0] = (byte) channel;
        System.arraycopy(body, 0, message, 1, body.length);
        return message;
    }
}
