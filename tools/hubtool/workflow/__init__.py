"""The writer's workflow: templates and scaffolding, JSON Schemas, review queues and the calendar."""
