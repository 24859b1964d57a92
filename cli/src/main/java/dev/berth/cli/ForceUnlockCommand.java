package dev.berth.cli;

import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.lock.LockHolder;
import dev.berth.applier.lock.StackLock;
import dev.berth.schema.model.Stack;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Clears a lock left behind by a run that is gone, as {@code terraform force-unlock} does. */
@Command(name = "force-unlock", mixinStandardHelpOptions = true,
        description = {"Clear the stack's lock, left behind by a berth run that cannot release it (killed with -9, "
                + "its machine gone). Make sure that run is over first: two runs changing one stack at once can "
                + "leave it half deployed.",
                "A run that died on this machine is detected and its lock taken over without this command; one "
                        + "that died elsewhere frees the lock when its lease runs out (15 s by default).",
                "The lock is the never-started container berth-lock-STACK on a majority of the stack's hosts; this "
                        + "removes it from every host that answers."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the lock was cleared, or the stack was not locked",
                "1:error: invalid stack, lock host unreachable, not confirmed"})
public final class ForceUnlockCommand implements Callable<Integer> {
    @Mixin
    StackOptions stack;

    @Option(names = "--yes", description = "Clear the lock without asking.")
    boolean yes;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Stack canonical = stack.loadValid(err).canonical();
        try (DockerClients clients = new DockerClients()) {
            StackLock lock = Engines.useCase(clients, err).lock(canonical);
            Optional<LockHolder> holder = Engines.userErrors(lock::holder);
            if (holder.isPresent()) {
                LockHolder held = holder.get();
                Confirmation.require(yes, () -> "Unlock stack " + canonical.stack() + ", locked by " + held.describe()
                        + "?", "force-unlock", out);
                holder = Engines.userErrors(lock::forceUnlock);
            }
            out.println(holder.map(h -> "stack " + canonical.stack() + " unlocked; it was locked by " + h.describe())
                    .orElse("stack " + canonical.stack() + " is not locked"));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
