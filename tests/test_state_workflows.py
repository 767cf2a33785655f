"""The CI workflows plan and apply through `imcompile`, with the org's backend."""


def text(root, name):
    return (root / ".github" / "workflows" / name).read_text()


def test_review_posts_the_plan_in_names_of_the_changed_stacks(root):
    review = text(root, "org-review.yml")
    assert 'imcompile plan --changed "$BASE" --format markdown org.yaml > plan.md' in review
    assert review.index("cat plan.md; } >> comment.md") < review.index("gh pr comment")
    assert "terraform -chdir" not in review, "raw plan output can carry secrets"
    assert "PG_CONN_STR: ${{ secrets.PG_CONN_STR }}" in review


def test_apply_goes_through_imcompile_with_the_backend_credentials(root):
    apply = text(root, "org-apply.yml")
    assert "run: imcompile apply --lock-timeout 10m" in apply
    assert "cancel-in-progress: false" in apply, "never two applies at once from CI"
    for var in ("AWS_SECRET_ACCESS_KEY", "PG_CONN_STR", "TF_TOKEN_app_terraform_io"):
        assert f"{var}: ${{{{ secrets." in apply
