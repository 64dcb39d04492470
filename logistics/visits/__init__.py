"""From stock to home: devices set aside for trainees, BLÉ's installation visits, after-sales."""
