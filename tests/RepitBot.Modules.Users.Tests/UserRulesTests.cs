using System.Reflection;
using RepitBot.Modules.Users.Domain;
using RepitBot.Shared.Contracts.Users;

namespace RepitBot.Modules.Users.Tests;

/// <summary>The rules the <see cref="User"/> entity keeps by itself, without a database.</summary>
public sealed class UserRulesTests
{
    private const long TutorId = 10;
    private const long OtherTutorId = 20;

    private static readonly DateTime Created = new(2026, 1, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Later = Created.AddHours(1);

    private long nextId = 100;

    [Fact]
    public void Given_a_student_with_two_parents_Then_a_third_is_refused_and_nothing_changes()
    {
        var child = Student();
        Assert.Equal(LinkParentOutcome.Linked, child.LinkParent(Parent(), Created));
        Assert.Equal(LinkParentOutcome.Linked, child.LinkParent(Parent(), Created));

        var third = child.LinkParent(Parent(), Later);

        Assert.Equal(LinkParentOutcome.TooManyParents, third);
        Assert.Equal(ParentLink.MaxParentsPerChild, child.Parents.Count);
        Assert.Equal(Created, child.UpdatedAt);
    }

    [Fact]
    public void Given_a_parent_of_another_tutor_Then_they_are_not_linked()
    {
        var child = Student();

        var outcome = child.LinkParent(Parent(OtherTutorId), Later);

        Assert.Equal(LinkParentOutcome.DifferentTutors, outcome);
        Assert.Empty(child.Parents);
    }

    [Fact]
    public void Given_a_user_who_is_not_a_parent_Then_they_are_not_linked_as_one()
    {
        var child = Student();

        var outcome = child.LinkParent(Student(), Later);

        Assert.Equal(LinkParentOutcome.NotAParent, outcome);
        Assert.Empty(child.Parents);
    }

    [Fact]
    public void Given_a_child_who_is_not_a_student_Then_no_parent_is_linked_to_them()
    {
        var notAStudent = Parent();

        var outcome = notAStudent.LinkParent(Parent(), Later);

        Assert.Equal(LinkParentOutcome.NotAStudent, outcome);
        Assert.Empty(notAStudent.Parents);
    }

    [Fact]
    public void Given_a_parent_of_the_same_tutor_Then_the_link_is_made_once_and_stamped()
    {
        var child = Student();
        var parent = Parent();

        var first = child.LinkParent(parent, Later);
        var again = child.LinkParent(parent, Later.AddHours(1));

        Assert.Equal((LinkParentOutcome.Linked, LinkParentOutcome.AlreadyLinked), (first, again));
        var link = Assert.Single(child.Parents);
        Assert.Equal((child.Id, parent.Id, Later), (link.ChildId, link.ParentId, link.CreatedAt));
        Assert.Equal(Later, child.UpdatedAt);
    }

    [Fact]
    public void Given_a_linked_parent_Then_unlinking_removes_them_and_a_second_unlink_finds_nothing()
    {
        var child = Student();
        var parent = Parent();
        child.LinkParent(parent, Created);

        var first = child.UnlinkParent(parent.Id, Later);
        var second = child.UnlinkParent(parent.Id, Later);

        Assert.True(first);
        Assert.False(second);
        Assert.Empty(child.Parents);
        Assert.Equal(Later, child.UpdatedAt);
    }

    [Fact]
    public void Given_a_reissued_code_Then_Telegram_is_unlinked_and_the_issue_time_moves()
    {
        var user = Student(telegramId: 555);

        user.ReissueAccessCode("NEWLK1", "new-hash", Later);

        Assert.Null(user.TelegramId);
        Assert.Equal(("NEWLK1", "new-hash"), (user.AccessCodeLookup, user.AccessCodeHash));
        Assert.Equal(Later, user.AccessCodeIssuedAt);
        Assert.Equal(Later, user.UpdatedAt);
    }

    [Fact]
    public void Given_a_reissue_or_a_deactivation_Then_the_code_version_rises_and_a_reactivation_keeps_it()
    {
        var user = Student();
        var created = user.AccessCodeVersion;

        user.ReissueAccessCode("NEWLK1", "new-hash", Later);
        var reissued = user.AccessCodeVersion;
        user.Update(null, null, isActive: false, Later);
        var deactivated = user.AccessCodeVersion;
        user.Update(null, null, isActive: false, Later);
        user.Update(null, null, isActive: true, Later);

        Assert.Equal(created + 1, reissued);
        Assert.Equal(reissued + 1, deactivated);
        Assert.Equal(deactivated, user.AccessCodeVersion);
    }

    [Fact]
    public void Given_an_account_linked_to_another_Telegram_Then_a_code_does_not_relink_it()
    {
        var user = Student(telegramId: 555);

        var outcome = user.LinkTelegram(777, Later);

        Assert.Equal(TelegramLinkOutcome.LinkedToAnotherAccount, outcome);
        Assert.Equal(555, user.TelegramId);
        Assert.Equal(Created, user.UpdatedAt);
    }

    [Fact]
    public void Given_a_deactivated_user_Then_a_code_links_no_Telegram_account()
    {
        var user = Student();
        user.Update(null, null, isActive: false, Created);

        var outcome = user.LinkTelegram(777, Later);

        Assert.Equal(TelegramLinkOutcome.Inactive, outcome);
        Assert.Null(user.TelegramId);
    }

    [Fact]
    public void Given_an_account_without_Telegram_Then_a_code_links_it_and_a_repeat_changes_nothing()
    {
        var user = Student();

        var first = user.LinkTelegram(777, Later);
        var again = user.LinkTelegram(777, Later.AddHours(1));

        Assert.Equal((TelegramLinkOutcome.Linked, TelegramLinkOutcome.AlreadyLinked), (first, again));
        Assert.Equal(777, user.TelegramId);
        Assert.Equal(Later, user.UpdatedAt);
    }

    [Fact]
    public void Given_a_tutor_who_still_owns_users_Then_they_may_not_be_deleted()
    {
        var tutor = User.Create(UserRole.Tutor, "Тьютор", null, null, "LOOKUP", "hash", Created);

        Assert.Equal(DeletionCheck.StillOwnsUsers, tutor.CheckDeletion(ownedUsers: 1));
        Assert.Equal(DeletionCheck.Deletable, tutor.CheckDeletion(ownedUsers: 0));
    }

    [Fact]
    public void Given_a_partial_update_Then_only_the_named_fields_change()
    {
        var user = Student(telegramId: 555);

        user.Update("Пётр ИВАНОВ", null, isActive: false, Later);

        Assert.Equal(("Пётр ИВАНОВ", "пётр иванов"), (user.FullName, user.SearchName));
        Assert.Equal((555L, "student_user"), (user.TelegramId, user.Username));
        Assert.False(user.IsActive);
        Assert.Equal(Later, user.UpdatedAt);
    }

    [Fact]
    public void Given_a_new_user_Then_they_are_active_and_their_code_was_issued_at_creation()
    {
        var user = Student();

        Assert.True(user.IsActive);
        Assert.Equal((Created, Created, Created), (user.AccessCodeIssuedAt, user.CreatedAt, user.UpdatedAt));
        Assert.Equal(TutorId, user.TutorId);
    }

    private User Student(long? telegramId = null)
    {
        var user = WithId(User.Create(UserRole.Student, "Пётр Ученик", "student_user", TutorId, "LOOKUP", "hash", Created));
        if (telegramId is { } id)
        {
            user.LinkTelegram(id, Created);
        }

        return user;
    }

    private User Parent(long tutorId = TutorId) =>
        WithId(User.Create(UserRole.Parent, "Мария Родитель", null, tutorId, "LOOKUP", "hash", Created));

    /// <summary>The store gives ids; here reflection stands in for it.</summary>
    private User WithId(User user)
    {
        typeof(User).GetProperty(nameof(User.Id), BindingFlags.Instance | BindingFlags.Public)!.SetValue(user, nextId++);
        return user;
    }
}
