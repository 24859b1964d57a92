package dev.berth.planner.plan;

/** The closed set of things a plan can do to an address. */
public enum Action {
    create("+"),
    /** In place, without touching running tasks (for example a desired count). */
    update("~"),
    /** Rolling replacement of tasks. */
    replace("-/+"),
    delete("-"),
    noop(" ");

    private final String symbol;

    Action(String symbol) {
        this.symbol = symbol;
    }

    /** The Terraform-style marker a renderer prints before the address. */
    public String symbol() {
        return symbol;
    }
}
