-- Live views: every change of a run's status or progress is announced on channel "espl_runs" when its
-- transaction commits, whoever made it (the worker committing a step, a control, the CLI). The payload
-- is small; listeners fetch what they show.
CREATE FUNCTION "notify_run_change"() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('espl_runs', json_build_object(
    'runId', NEW.id,
    'projectId', NEW.project_id,
    'status', NEW.status,
    'statusDetail', left(NEW.status_detail, 200),
    'currentStep', NEW.current_step,
    'totalSteps', NEW.total_steps,
    'bestTestPass1', NEW.best_test_pass1,
    'bestConservative', NEW.best_conservative
  )::text);
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "runs_notify_change"
AFTER INSERT OR UPDATE OF "status", "status_detail", "current_step", "total_steps" ON "runs"
FOR EACH ROW EXECUTE FUNCTION "notify_run_change"();
