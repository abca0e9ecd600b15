"""Settings per environment: `development` (the default), `test` and `production`."""
