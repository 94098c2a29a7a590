"""One Stable-Baselines3 run with rl-baselines3-zoo's hyperparameters, timed, for the side-by-side
comparison with SimLab (issue #15; benchmarks/sb3-side-by-side.sh runs it).

Tasks: cartpole-ppo (PPO, CartPole-v1), pendulum-sac (SAC, Pendulum-v1), cartpole-dqn (DQN,
CartPole-v1). Trains with the zoo's settings for the given seed, then evaluates the deterministic
policy with `evaluate_policy` over --eval-episodes episodes on --eval-envs env copies (SimLab's
scenarios: 100 episodes on 100 copies, one batched policy call per step). Prints one JSON line:
learn_seconds (the `learn()` call), eval_seconds, run_seconds (the two together: what SimLab's
per-run `wall_seconds` covers), the evaluation's mean and std return, and the versions used.

SB3, Gymnasium and Farama-Notifications are not installed from PyPI here but put on PYTHONPATH
(docs/BENCHMARKS.md, "Stable-Baselines3 side by side"):

    PYTHONPATH=$SB3_PEERS/src/stable-baselines3:$SB3_PEERS/src/gymnasium:$SB3_PEERS/src/farama-notifications \\
        /usr/bin/python3 benchmarks/sb3/sb3_run.py cartpole-ppo --seed 0 [--timesteps N] [--threads 1]
"""
import argparse
import json
import sys
import time

import gymnasium
import numpy as np
import torch as th

import stable_baselines3 as sb3
from stable_baselines3 import DQN, PPO, SAC
from stable_baselines3.common.env_util import make_vec_env
from stable_baselines3.common.evaluation import evaluate_policy


def linear(initial):
    """The zoo's `lin_<value>` schedule (rl_zoo3.utils.linear_schedule): value x progress remaining."""
    return lambda progress_remaining: progress_remaining * initial


# Hyperparameters hard-coded from rl-baselines3-zoo (hyperparams/<algo>.yml at the zoo revision
# named in docs/BENCHMARKS.md); everything the zoo leaves out is SB3's default. n_envs is the
# zoo's (1 when the zoo's entry has none).
TASKS = {
    # hyperparams/ppo.yml, key CartPole-v1
    "cartpole-ppo": dict(
        algo=PPO, env_id="CartPole-v1", n_envs=8, n_timesteps=100_000,
        kwargs=lambda: dict(policy="MlpPolicy", n_steps=32, batch_size=256, gae_lambda=0.8, gamma=0.98,
                            n_epochs=20, ent_coef=0.0, learning_rate=linear(0.001), clip_range=linear(0.2))),
    # hyperparams/sac.yml, key Pendulum-v1
    "pendulum-sac": dict(
        algo=SAC, env_id="Pendulum-v1", n_envs=1, n_timesteps=20_000,
        kwargs=lambda: dict(policy="MlpPolicy", learning_rate=1e-3)),
    # hyperparams/dqn.yml, key CartPole-v1
    "cartpole-dqn": dict(
        algo=DQN, env_id="CartPole-v1", n_envs=1, n_timesteps=50_000,
        kwargs=lambda: dict(policy="MlpPolicy", learning_rate=2.3e-3, batch_size=64, buffer_size=100_000,
                            learning_starts=1000, gamma=0.99, target_update_interval=10, train_freq=256,
                            gradient_steps=128, exploration_fraction=0.16, exploration_final_eps=0.04,
                            policy_kwargs=dict(net_arch=[256, 256]))),
}


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("task", choices=sorted(TASKS))
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--timesteps", type=int, help="training budget (default: the zoo's n_timesteps)")
    p.add_argument("--threads", type=int, default=1,
                   help="torch intra- and inter-op threads (default 1: SimLab runs ND4J with one OpenMP thread)")
    p.add_argument("--eval-episodes", type=int, default=100)
    p.add_argument("--eval-envs", type=int, default=100)
    a = p.parse_args(argv)

    th.set_num_threads(a.threads)
    th.set_num_interop_threads(a.threads)
    task = TASKS[a.task]
    steps = a.timesteps or task["n_timesteps"]

    # make_vec_env: DummyVecEnv of Monitor-wrapped envs, as the zoo builds them
    env = make_vec_env(task["env_id"], n_envs=task["n_envs"], seed=a.seed)
    model = task["algo"](env=env, seed=a.seed, device="cpu", verbose=0, **task["kwargs"]())
    t0 = time.perf_counter()
    model.learn(total_timesteps=steps)
    learn_s = time.perf_counter() - t0

    eval_env = make_vec_env(task["env_id"], n_envs=a.eval_envs, seed=a.seed + 1_000_000)
    t0 = time.perf_counter()
    mean, std = evaluate_policy(model, eval_env, n_eval_episodes=a.eval_episodes, deterministic=True)
    eval_s = time.perf_counter() - t0

    print(json.dumps(dict(
        task=a.task, algo=task["algo"].__name__, env=task["env_id"], seed=a.seed, timesteps=steps,
        n_envs=task["n_envs"], threads=a.threads, learn_seconds=round(learn_s, 3), eval_seconds=round(eval_s, 3),
        run_seconds=round(learn_s + eval_s, 3), eval_return_mean=float(mean), eval_return_std=float(std),
        eval_episodes=a.eval_episodes, eval_envs=a.eval_envs, sb3=sb3.__version__, gymnasium=gymnasium.__version__,
        torch=th.__version__, numpy=np.__version__, python=sys.version.split()[0])))


if __name__ == "__main__":
    main()
