"""Invitation links: the secret is no longer stored, only its SHA-256 (and, for new
invitations, the nonce it is derived from under SECRET_KEY). Links already sent keep
working: their hash is computed from the stored token before the column goes."""

import hashlib

from django.db import migrations, models

import procurement.models.parties


def hash_tokens(apps, schema_editor):
    Invitation = apps.get_model("procurement", "Invitation")
    for invitation in Invitation.objects.only("pk", "token").iterator():
        digest = hashlib.sha256(invitation.token.encode()).hexdigest()
        Invitation.objects.filter(pk=invitation.pk).update(token_hash=digest)


class Migration(migrations.Migration):
    dependencies = [("procurement", "0007_deferred_delivery")]

    operations = [
        migrations.AddField(
            model_name="invitation",
            name="token_nonce",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="invitation",
            name="token_nonce",
            field=models.CharField(
                default=procurement.models.parties.new_feed_token, editable=False, max_length=64
            ),
        ),
        migrations.AddField(
            model_name="invitation",
            name="token_hash",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.RunPython(hash_tokens, migrations.RunPython.noop),
        migrations.RemoveField(model_name="invitation", name="token"),
        migrations.AlterField(
            model_name="invitation",
            name="token_hash",
            field=models.CharField(editable=False, max_length=64, unique=True),
        ),
    ]
