package dev.berth.planner.scaling;

import java.time.Duration;

/**
 * The count one policy asks for, what it saw, and the cooldowns the decision holds it to.
 *
 * @param policy         which policy ("target tracking", "step scaling cpu-high")
 * @param inputs         what it read and how it got to the count, for the decision's words
 * @param outCooldown    after a scale-out, how long only a larger one goes ahead
 * @param inCooldown     after any scaling, how long a scale-in waits
 * @param mayScaleIn     false for a policy with disableScaleIn
 */
public record Proposal(String policy, String inputs, int count, Duration outCooldown, Duration inCooldown,
                       boolean mayScaleIn) {
    String describe() {
        return policy + ": " + inputs + " -> " + count;
    }

    static String round(double value) {
        return String.valueOf(Math.round(value * 10) / 10.0);
    }
}
