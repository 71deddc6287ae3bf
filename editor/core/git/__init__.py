"""Publishing the writer's changes and getting the team's, without showing git.

The API, for the window and the command line (no Qt here):

- ``runner``: ``repository_root(folder) -> Path | None``; ``open_repository(folder) -> Git``;
  ``Git.run(...)``. Errors, all ``GitError`` (``.message`` in plain words, ``.detail`` git's):
  ``GitMissingError`` (how to install git), ``NotSignedInError``, ``OfflineError``,
  ``PublishedFirstError``, ``ConflictError``, ``NameTooLongError``, ``NotARepositoryError``,
  ``GitTimeoutError``, ``GitTooOldError``.
- ``status``: ``status(git) -> RepoStatus`` with ``entries`` (``PathStatus``: ``path``,
  ``change`` = ``Change.MODIFIED/NEW/DELETED/RENAMED/CONFLICTED``), ``ahead``, ``behind``,
  ``has_remote``, ``by_path`` (for tree marks) and ``summary(offline=...)`` for the status
  chip ("3 changes not published", "Up to date", "Team changes available", "... will publish
  when online").
- ``review``: ``review(git, paths) -> list[FileReview]`` (``title``, ``is_new``,
  ``is_deleted``, ``fields``: ``FieldChange`` ``key``/``label``/``old``/``new``, ``MISSING``
  for an added or removed field) for the publish dialog.
- ``publish``: ``identity(git) -> Identity | None``, ``set_identity(git, name, email)``
  (``IdentityMissingError`` until set), ``commit(git, paths, message)`` alone,
  ``default_message(git, paths)``, ``publish(git, paths, message=None, unsaved=()) ->
  PublishResult`` (``state``: ``PublishState.PUBLISHED/QUEUED/LOCAL_ONLY/NOTHING/CONFLICTS/
  PAUSED``, ``commit``, ``text``, ``sync``, ``error``). Offline or not signed in the commit
  stays local (``QUEUED``, ``error`` says why); ``publish(git, [])`` sends what waits.
- ``sync``: ``sync(git, unsaved=()) -> SyncResult`` (fetch + integrate); ``integrate(git,
  ...)``; ``SyncResult.state`` (``SyncState.UP_TO_DATE/UPDATED/CONFLICTS/PAUSED/OFFLINE``),
  ``changed`` (``(letter, path)`` pairs to re-index), ``conflicts`` (``FieldConflict``:
  ``path``, ``title``, ``key``, ``label``, ``ours``, ``theirs``; ``key == ""`` for a whole
  non-article file), ``paused``; ``resolve(git, choices)`` with ``choices[(path, key)] =
  "mine" | "theirs"``; ``pending(git)``; ``cancel(git)``; ``recover(git)`` at start-up.
  ``PAUSED``: the team changed a file with unsaved edits (or saved, not published): nothing
  was changed; save or publish it, then sync again.
- ``choices``: ``group_conflicts(conflicts) -> list[ChoiceGroup]`` (``path``, ``title``,
  ``label``, ``conflicts``, ``grouped``): the chooser's rows, an article's conflicts in the
  fields kept in step (``in_step_keys(schema)``: title, article_title, question) as one.
- ``clone``: ``clone(url, dest)`` with the settings a big site needs.
- ``askpass``: signing in. ``AskpassServer(answer)`` answers git's questions (``Prompt``:
  ``kind`` username/password/other, ``site``) for runs made with ``Git(folder,
  askpass=askpass_program(), askpass_env=server.env)``; ``helper_main`` is the app's own
  program in that role (``is_helper_call``); ``helper_configured``, ``approve`` and
  ``reject`` use git's credential helper for "Remember". Without an askpass git never asks:
  ``NotSignedInError`` (``NOT_SIGNED_IN`` says how to fix it).
"""
