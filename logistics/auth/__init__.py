"""Who is calling: the authentication middleware, CSRF protection and role guards."""
