"""Who is asking: users with roles, API keys with scopes, and what each may do."""
