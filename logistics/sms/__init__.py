"""Text messages: one small gateway interface, its SMS Gateway for Android adapter, French phone
numbers in international form, and the check of the gateway's signed webhook."""
