package io.vmclone.operator.workflow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/** An action that answers from a script and records what the engine asked of it. */
final class ScriptedAction implements Action {

  private final String name;
  private final Deque<ActionResult> results = new ArrayDeque<>();
  final List<String> calls;
  private Consumer<TaskContext> beforeExecute = context -> {};
  private RuntimeException undoProblem;

  ScriptedAction(String name, List<String> calls) {
    this.name = name;
    this.calls = calls;
  }

  static List<String> log() {
    return new ArrayList<>();
  }

  ScriptedAction answers(ActionResult... script) {
    results.addAll(List.of(script));
    return this;
  }

  ScriptedAction beforeExecute(Consumer<TaskContext> check) {
    this.beforeExecute = check;
    return this;
  }

  ScriptedAction failsToUndo(RuntimeException problem) {
    this.undoProblem = problem;
    return this;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int weight() {
    return 10;
  }

  @Override
  public ActionResult execute(TaskContext context) {
    beforeExecute.accept(context);
    calls.add("execute " + name);
    return results.size() > 1 ? results.poll() : results.peek();
  }

  @Override
  public void undo(TaskContext context) {
    calls.add("undo " + name);
    if (undoProblem != null) {
      throw undoProblem;
    }
  }
}
