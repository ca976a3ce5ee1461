"""Conversations, second step: every message has its thread and author (filled by 0005, in
a transaction of its own: PostgreSQL refuses to alter a table with updates pending in the same
one), then the indexes and constraints."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('coaching', '0005_conversation'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='comment',
            name='author',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='messages_written', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AlterField(
            model_name='comment',
            name='thread',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='messages', to='coaching.thread'),
        ),
        migrations.AddIndex(
            model_name='comment',
            index=models.Index(fields=['thread', 'id'], name='comment_thread_order'),
        ),
        migrations.AddConstraint(
            model_name='comment',
            constraint=models.CheckConstraint(condition=models.Q(('author', models.F('coach')), ('author', models.F('athlete')), _connector='OR'), name='comment_by_a_participant'),
        ),
        migrations.AddConstraint(
            model_name='comment',
            constraint=models.UniqueConstraint(condition=models.Q(('client_id__isnull', False)), fields=('author', 'client_id'), name='comment_one_client_id_per_author'),
        ),
        migrations.AddIndex(
            model_name='thread',
            index=models.Index(fields=['athlete', '-last_message_at'], name='thread_athlete_recent'),
        ),
        migrations.AddIndex(
            model_name='thread',
            index=models.Index(fields=['coach', 'athlete'], name='thread_coach_athlete'),
        ),
        migrations.AddConstraint(
            model_name='thread',
            constraint=models.UniqueConstraint(condition=models.Q(('session__isnull', False)), fields=('coach', 'athlete', 'session'), name='thread_one_per_session'),
        ),
        migrations.AddConstraint(
            model_name='thread',
            constraint=models.UniqueConstraint(condition=models.Q(('session__isnull', True)), fields=('coach', 'athlete', 'cause', 'region'), name='thread_one_per_advice_item'),
        ),
        migrations.AddConstraint(
            model_name='thread',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('session__isnull', False), ('cause', ''), ('region', '')), models.Q(('session__isnull', True), models.Q(('cause', ''), _negated=True)), _connector='OR'), name='thread_one_target'),
        ),
        migrations.AddConstraint(
            model_name='thread',
            constraint=models.CheckConstraint(condition=models.Q(('coach', models.F('athlete')), _negated=True), name='thread_two_people'),
        ),
    ]
