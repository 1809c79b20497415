"""The office's services: what the office API's routes and the ``erms-central`` commands both
call, so a referral taken in at the command line and one taken in on the office screens go
through the same checks and leave the same audit entries."""
