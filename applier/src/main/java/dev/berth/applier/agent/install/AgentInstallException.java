package dev.berth.applier.agent.install;

/** An install or uninstall refused before it changed anything; the message says why. */
public final class AgentInstallException extends RuntimeException {
    public AgentInstallException(String message) {
        super(message);
    }
}
