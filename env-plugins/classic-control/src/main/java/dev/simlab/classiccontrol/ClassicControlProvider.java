package dev.simlab.classiccontrol;

import dev.simlab.core.param.Param;
import dev.simlab.core.param.ParamSchema;
import dev.simlab.core.plugin.EnvProvider;
import dev.simlab.core.plugin.EnvType;
import java.util.List;

/**
 * The classic-control plugin's environments, with Gymnasium v1's dynamics step for step (see
 * docs/CLASSIC_CONTROL.md): {@code cartpole} (CartPole-v1), {@code mountaincar}
 * (MountainCar-v0), {@code acrobot} (Acrobot-v1) with Discrete actions, and {@code pendulum}
 * (Pendulum-v1) and {@code mountaincar-continuous} (MountainCarContinuous-v0) with Box actions,
 * with Gymnasium's time limits.
 */
@org.pf4j.Extension
public class ClassicControlProvider implements EnvProvider {
    static final int CARTPOLE_LIMIT = 500;
    static final int MOUNTAINCAR_LIMIT = 200;
    static final int ACROBOT_LIMIT = 500;
    static final int PENDULUM_LIMIT = 200;
    static final int MOUNTAINCAR_CONTINUOUS_LIMIT = 999;

    @Override
    public List<EnvType> envs() {
        return List.of(cartPole(), mountainCar(), acrobot(), pendulum(), mountainCarContinuous());
    }

    private static EnvType cartPole() {
        ParamSchema schema = ParamSchema.of(
                Param.real("force_mag", CartPole.DEFAULT_FORCE_MAG, 0, 1000, "force of a push, left (action 0) or right (action 1)").withUnit("N"),
                Param.bool("sutton_barto_reward", false, "Gymnasium's sutton_barto_reward: 0 a step and -1 on the failing step, instead of +1 on every step"));
        return new EnvType("cartpole",
                "Gymnasium CartPole-v1: push the cart left or right to keep the pole upright; +1 a step, ends when the pole passes 12 degrees or the cart 2.4 m",
                schema, CARTPOLE_LIMIT, p -> new CartPole(p.real("force_mag"), p.bool("sutton_barto_reward")));
    }

    private static EnvType mountainCar() {
        ParamSchema schema = ParamSchema.of(
                Param.real("force", MountainCar.DEFAULT_FORCE, 0, 1, "velocity added per step by accelerating (actions 0 and 2)"),
                Param.real("goal_velocity", MountainCar.DEFAULT_GOAL_VELOCITY, 0, MountainCar.MAX_SPEED,
                        "Gymnasium's goal_velocity: the car must reach position 0.5 at least this fast"));
        return new EnvType("mountaincar",
                "Gymnasium MountainCar-v0: rock an underpowered car out of a valley up to the flag at 0.5; -1 a step",
                schema, MOUNTAINCAR_LIMIT, p -> new MountainCar(p.real("force"), p.real("goal_velocity")));
    }

    private static EnvType acrobot() {
        ParamSchema schema = ParamSchema.of(
                Param.real("torque_noise_max", 0, 0, 1, "uniform noise in ±this added to every torque (Gymnasium's torque_noise_max; 0: none)"));
        return new EnvType("acrobot",
                "Gymnasium Acrobot-v1: torque the middle joint of a two-link pendulum to swing its tip above the line; -1 a step",
                schema, ACROBOT_LIMIT, p -> new Acrobot(p.real("torque_noise_max")));
    }

    private static EnvType pendulum() {
        ParamSchema schema = ParamSchema.of(
                Param.real("g", Pendulum.DEFAULT_GRAVITY, 0, 100, "gravitational acceleration (Gymnasium's g)").withUnit("m/s^2"));
        return new EnvType("pendulum",
                "Gymnasium Pendulum-v1: swing a pendulum upright and hold it there with a torque in [-2, 2]; reward -(angle^2 + 0.1 speed^2 + 0.001 torque^2)",
                schema, PENDULUM_LIMIT, p -> new Pendulum(p.real("g")));
    }

    private static EnvType mountainCarContinuous() {
        ParamSchema schema = ParamSchema.of(
                Param.real("goal_velocity", MountainCarContinuous.DEFAULT_GOAL_VELOCITY, 0, MountainCarContinuous.MAX_SPEED,
                        "Gymnasium's goal_velocity: the car must reach position 0.45 at least this fast"));
        return new EnvType("mountaincar-continuous",
                "Gymnasium MountainCarContinuous-v0: drive an underpowered car up to the flag at 0.45 with a force in [-1, 1]; +100 at the flag, -0.1 force^2 a step",
                schema, MOUNTAINCAR_CONTINUOUS_LIMIT, p -> new MountainCarContinuous(p.real("goal_velocity")));
    }
}
