"""Conversations (issue 18): each coach's note belongs to a thread (coach, athlete, subject)
that the athlete can reply in; read state per participant on the thread.

Existing notes each join the thread of their subject, written by their coach; the athlete has
seen them on the session and advice pages already, so they count as read.
"""

import django.db.models.deletion
import django.db.models.manager
from django.conf import settings
from django.db import migrations, models
from django.db.models import Max
from django.utils import timezone


def threads_for_existing_notes(apps, schema_editor):
    Comment = apps.get_model("coaching", "Comment")
    Thread = apps.get_model("coaching", "Thread")
    now = timezone.now()
    for note in Comment.objects.filter(thread__isnull=True).order_by("pk").iterator():
        thread, _ = Thread.objects.get_or_create(
            coach_id=note.coach_id,
            athlete_id=note.athlete_id,
            session_id=note.session_id,
            cause=note.cause,
            region=note.region,
        )
        Comment.objects.filter(pk=note.pk).update(thread=thread, author_id=note.coach_id)
    for thread in Thread.objects.annotate(last_id=Max("messages__id"), last_at=Max("messages__created")):
        Thread.objects.filter(pk=thread.pk).update(
            last_message_at=thread.last_at,
            coach_read_up_to=thread.last_id or 0,
            coach_read_at=now,
            athlete_read_up_to=thread.last_id or 0,
            athlete_read_at=now,
        )


class Migration(migrations.Migration):

    dependencies = [
        ('coaching', '0004_invitation_name'),
        ('tracker', '0006_import_export_jobs'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='comment',
            options={'base_manager_name': 'messages', 'ordering': ['created', 'pk']},
        ),
        migrations.AlterModelManagers(
            name='comment',
            managers=[
                ('objects', django.db.models.manager.Manager()),
                ('messages', django.db.models.manager.Manager()),
            ],
        ),
        migrations.AddField(
            model_name='comment',
            name='author',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='messages_written', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='comment',
            name='client_id',
            field=models.UUIDField(blank=True, editable=False, null=True),
        ),
        migrations.CreateModel(
            name='Thread',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('cause', models.CharField(blank=True, choices=[('lumbar_hyperextension', 'The lower back takes over at the top'), ('neck_position', 'Neck strain from the head position'), ('feet_too_far_forward', 'Feet too far forward'), ('feet_too_close', 'Feet too close to the glutes'), ('knee_valgus', 'Knees drifting inward'), ('incomplete_hip_extension', 'Stopping short of full lockout'), ('too_much_weight_too_soon', 'The weight went up too fast'), ('inadequate_progressive_overload', 'Weight added faster than the body adapts'), ('weak_glutes', 'Glutes not doing their share'), ('tight_hip_flexors', 'Tight hip flexors limiting the top'), ('weak_core', 'Core not holding the spine'), ('tight_hamstrings', 'Tight hamstrings'), ('lower_back_condition', 'A back problem may be flaring up'), ('hip_impingement', 'A pinch deep in the front of the hip'), ('si_joint_dysfunction', 'Pain at the back of the pelvis'), ('knee_condition', 'An existing knee problem acting up'), ('groin_strain', 'Groin or inner-thigh strain'), ('unpadded_bar', 'The bar pressing on the hip bones'), ('unstable_bench', 'A wobbly bench'), ('incorrect_bench_height', 'A bench height that does not suit'), ('persistent_pain', "Pain that isn't going away"), ('sharp_acute_pain', 'A sudden, sharp pain'), ('neurological_symptoms', 'Numbness, tingling or weak legs'), ('daily_life_or_sleep', 'Pain in daily life or at night'), ('structural_injury_signs', 'A pop or swelling')], max_length=40)),
                ('region', models.CharField(blank=True, choices=[('lower_back', 'Lower back'), ('si_joint', 'SI joint (low back, beside the spine)'), ('hip_flexor', 'Hip flexor (front of the hip)'), ('hip_bone', 'Hip bone (where the bar sits)'), ('groin', 'Groin (inner thigh)'), ('hamstring', 'Hamstring (back of the thigh)'), ('knee', 'Knee'), ('neck', 'Neck')], max_length=16)),
                ('created', models.DateTimeField(auto_now_add=True)),
                ('last_message_at', models.DateTimeField(blank=True, null=True)),
                ('coach_read_up_to', models.PositiveBigIntegerField(default=0)),
                ('coach_read_at', models.DateTimeField(blank=True, null=True)),
                ('athlete_read_up_to', models.PositiveBigIntegerField(default=0)),
                ('athlete_read_at', models.DateTimeField(blank=True, null=True)),
                ('athlete', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='athlete_threads', to=settings.AUTH_USER_MODEL)),
                ('coach', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='coach_threads', to=settings.AUTH_USER_MODEL)),
                ('session', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='threads', to='tracker.trainingsession')),
            ],
            options={
                'ordering': ['-last_message_at', '-pk'],
            },
        ),
        migrations.AddField(
            model_name='comment',
            name='thread',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='messages', to='coaching.thread'),
        ),
        migrations.RunPython(threads_for_existing_notes, migrations.RunPython.noop),
    ]
