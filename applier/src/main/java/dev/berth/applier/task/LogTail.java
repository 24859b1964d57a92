package dev.berth.applier.task;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The last lines a failed container wrote, for its failure reason. Off unless asked for: a log can
 * hold anything, secrets included, and failure reasons end up in terminals and CI logs.
 */
final class LogTail {
    static final int LINES = 3;
    private static final long WAIT_SECONDS = 5;

    private final boolean enabled;

    LogTail(boolean enabled) {
        this.enabled = enabled;
    }

    /** "; last log lines: a | b | c", or "" when disabled or there is nothing to show. */
    String of(DockerClient client, String containerId) {
        if (!enabled) {
            return "";
        }
        List<String> lines = new ArrayList<>();
        try (ResultCallback.Adapter<Frame> collect = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                String text = new String(frame.getPayload(), StandardCharsets.UTF_8);
                text.lines().map(String::strip).filter(line -> !line.isEmpty()).forEach(lines::add);
            }
        }) {
            client.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTail(LINES).exec(collect)
                    .awaitCompletion(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception unreadable) {
            // The failure itself is the news; a log that cannot be read only loses its decoration.
            return "";
        }
        List<String> last = lines.subList(Math.max(0, lines.size() - LINES), lines.size());
        return last.isEmpty() ? "" : "; last log lines: " + String.join(" | ", last);
    }
}
