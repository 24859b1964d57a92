package dev.berth.applier.task;

import java.util.List;

/** Images a deployment needs that a host neither has nor can pull; one line per image. */
public final class ImagesUnavailableException extends RuntimeException {
    private final List<String> problems;

    ImagesUnavailableException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
